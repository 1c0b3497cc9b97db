import type { RouterInputs } from "@guild/api";
import { type LeadSortField, leadSortFields } from "@guild/api/schemas/lead-sort";
import { type LeadSource, type LeadStatus, leadSources, leadStatuses } from "@guild/db/enums";
import {
  isUuid,
  optionalListOf,
  optionalOneOf,
  optionalString,
  type SearchInput,
} from "../../lib/search-params.ts";

export interface LeadListSearch {
  q?: string | undefined;
  status?: LeadStatus[] | undefined;
  source?: LeadSource[] | undefined;
  owner?: string | undefined;
  sort?: LeadSortField | undefined;
  dir?: "asc" | "desc" | undefined;
  /** The saved view this list was opened from (lead-views.tsx), to show its name and changes. */
  view?: string | undefined;
}

/**
 * The leads table's state lives in the URL (?q=&status=&source=&owner=&sort=&dir=&view=), so a
 * filtered view can be bookmarked and shared. Bad values are dropped rather than failing the page.
 */
export function leadListSearch(search: SearchInput): LeadListSearch {
  return {
    q: optionalString(search.q),
    status: optionalListOf(leadStatuses, search.status),
    source: optionalListOf(leadSources, search.source),
    owner: isUuid(search.owner) ? search.owner : undefined,
    sort: optionalOneOf(leadSortFields, search.sort),
    dir: optionalOneOf(["asc", "desc"], search.dir),
    view: isUuid(search.view) ? search.view : undefined,
  };
}

export type LeadFilter = RouterInputs["lead"]["count"];
export type LeadListInput = Omit<RouterInputs["lead"]["list"], "cursor">;

export const LEAD_PAGE_SIZE = 25;

/** The filter the URL names, as lead.count and the bulk actions take it. */
export function leadListFilter(search: LeadListSearch): LeadFilter {
  return {
    search: search.q || undefined,
    status: search.status,
    source: search.source,
    ownerMemberId: search.owner,
  };
}

/** The first page the URL names, as lead.list takes it (the screen and the route's prefetch). */
export function leadListInput(search: LeadListSearch): LeadListInput {
  return {
    ...leadListFilter(search),
    sort: search.sort ?? "createdAt",
    order: search.dir ?? "desc",
    limit: LEAD_PAGE_SIZE,
  };
}
