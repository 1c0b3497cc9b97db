import { createRoute } from "@tanstack/react-router";
import { guestRoute } from "./guest.tsx";
import { pageTitle } from "./head.ts";
import { redirectSearch } from "./search.ts";

export const twoFactorRoute = createRoute({
  getParentRoute: () => guestRoute,
  path: "/two-factor",
  head: () => pageTitle("Two-factor authentication"),
  validateSearch: redirectSearch,
}).lazy(() => import("./two-factor.lazy.tsx").then((m) => m.lazyRoute));
