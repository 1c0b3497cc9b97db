import { optionalOneOf, type SearchInput } from "../../lib/search-params.ts";

export interface TierSearch {
  /** Back from Stripe's onboarding page (return) or sent to make a new link (refresh). */
  connect?: "return" | "refresh" | undefined;
  /** Back from Stripe's checkout page. */
  checkout?: "success" | "canceled" | undefined;
}

/** Where Stripe's pages send people back to /o/$slug/tiers; anything else is dropped. */
export function tierSearch(search: SearchInput): TierSearch {
  return {
    connect: optionalOneOf(["return", "refresh"], search.connect),
    checkout: optionalOneOf(["success", "canceled"], search.checkout),
  };
}
