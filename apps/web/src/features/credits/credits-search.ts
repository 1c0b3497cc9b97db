import { optionalString, type SearchInput } from "../../lib/search-params.ts";

export interface CreditsSearch {
  /**
   * Back from Stripe's checkout: the session's id (paid, its credits on their way) or
   * "canceled" (nothing was charged).
   */
  checkout?: string | undefined;
}

const CHECKOUT = /^(canceled|cs_[A-Za-z0-9_]{1,250})$/;

/** `/o/$slug/credits?checkout=cs_…`: where Stripe sends a buyer back. Bad values are dropped. */
export function creditsSearch(search: SearchInput): CreditsSearch {
  const checkout = optionalString(search.checkout);
  return { checkout: checkout && CHECKOUT.test(checkout) ? checkout : undefined };
}
