import { createRoute } from "@tanstack/react-router";
import { optionalString, type SearchInput } from "../lib/search-params.ts";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";

export const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/verify-email",
  head: () => pageTitle("Verify your email"),
  validateSearch: (
    search: SearchInput,
  ): { error?: string | undefined; redirect?: string | undefined } => ({
    error: optionalString(search.error),
    redirect: optionalString(search.redirect),
  }),
}).lazy(() => import("./verify-email.lazy.tsx").then((m) => m.lazyRoute));
