import { createRoute } from "@tanstack/react-router";
import { optionalString, type SearchInput } from "../lib/search-params.ts";
import { guestRoute } from "./guest.tsx";
import { pageTitle } from "./head.ts";

export const checkEmailRoute = createRoute({
  getParentRoute: () => guestRoute,
  path: "/check-email",
  head: () => pageTitle("Check your email"),
  validateSearch: (
    search: SearchInput,
  ): { email?: string | undefined; redirect?: string | undefined } => ({
    email: optionalString(search.email),
    redirect: optionalString(search.redirect),
  }),
}).lazy(() => import("./check-email.lazy.tsx").then((m) => m.lazyRoute));
