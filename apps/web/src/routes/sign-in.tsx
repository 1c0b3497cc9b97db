import { createRoute } from "@tanstack/react-router";
import { guestRoute } from "./guest.tsx";
import { pageTitle } from "./head.ts";
import { redirectSearch } from "./search.ts";

export const signInRoute = createRoute({
  getParentRoute: () => guestRoute,
  path: "/sign-in",
  head: () => pageTitle("Sign in"),
  validateSearch: redirectSearch,
}).lazy(() => import("./sign-in.lazy.tsx").then((m) => m.lazyRoute));
