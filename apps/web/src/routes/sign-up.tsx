import { createRoute } from "@tanstack/react-router";
import { guestRoute } from "./guest.tsx";
import { pageTitle } from "./head.ts";
import { redirectSearch } from "./search.ts";

export const signUpRoute = createRoute({
  getParentRoute: () => guestRoute,
  path: "/sign-up",
  head: () => pageTitle("Create an account"),
  validateSearch: redirectSearch,
}).lazy(() => import("./sign-up.lazy.tsx").then((m) => m.lazyRoute));
