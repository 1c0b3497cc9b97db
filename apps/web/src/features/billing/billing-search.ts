import { optionalOneOf, type SearchInput } from "../../lib/search-params.ts";

/** ?checkout=success|canceled: where Stripe's hosted checkout sends the owner back. */
export interface BillingSearch {
  checkout?: "success" | "canceled" | undefined;
}

export const billingSearch = (search: SearchInput): BillingSearch => ({
  checkout: optionalOneOf(["success", "canceled"], search.checkout),
});
