import { createRoute } from "@tanstack/react-router";
import { optionalString, type SearchInput } from "../lib/search-params.ts";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";

export const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/reset-password",
  head: () => pageTitle("Choose a new password"),
  validateSearch: (
    search: SearchInput,
  ): { token?: string | undefined; error?: string | undefined } => ({
    token: optionalString(search.token),
    error: optionalString(search.error),
  }),
}).lazy(() => import("./reset-password.lazy.tsx").then((m) => m.lazyRoute));
