// The console's URL search params (validateSearch): plain functions, no zod (see search-params.ts).
import { optionalOneOf, optionalString, type SearchInput } from "../../lib/search-params.ts";

const userFilters = ["all", "banned", "admins"] as const;
const eventFilters = ["all", "failed", "unprocessed"] as const;

export interface AdminUserSearch {
  q?: string | undefined;
  filter?: (typeof userFilters)[number] | undefined;
}

export function adminUserSearch(search: SearchInput): AdminUserSearch {
  return { q: optionalString(search.q), filter: optionalOneOf(userFilters, search.filter) };
}

export interface StripeEventSearch {
  filter?: (typeof eventFilters)[number] | undefined;
  type?: string | undefined;
}

export function stripeEventSearch(search: SearchInput): StripeEventSearch {
  return {
    filter: optionalOneOf(eventFilters, search.filter),
    type: optionalString(search.type),
  };
}

export interface AdminOrganizationSearch {
  q?: string | undefined;
}

export function adminOrganizationSearch(search: SearchInput): AdminOrganizationSearch {
  return { q: optionalString(search.q) };
}
