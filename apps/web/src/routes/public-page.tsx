import { createRoute } from "@tanstack/react-router";
import { optionalOneOf, optionalString, type SearchInput } from "../lib/search-params.ts";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";

/**
 * ?join=<tier id or "free">&interval=month: the join a visitor chose before signing up, carried
 * through sign-up and back here; ?checkout=success|canceled: back from Stripe's checkout.
 */
export const publicPageSearch = (search: SearchInput) => ({
  join: optionalString(search.join),
  interval: optionalOneOf(["month", "year", "lifetime"], search.interval),
  checkout: optionalOneOf(["success", "canceled"], search.checkout),
});

/** An organization's public page: anyone may open it, signed in or not. */
export const publicPageRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/c/$slug",
  head: () => pageTitle("Community"),
  validateSearch: publicPageSearch,
}).lazy(() => import("./public-page.lazy.tsx").then((m) => m.lazyRoute));
