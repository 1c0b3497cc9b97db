// The search screen's URL (?q=…&kind=posts|comments|resources): plain functions, no zod (search-params.ts):
// the route tree loads with the first screen, so the API's schema module (zod) stays out of it.
import type { CommunitySearchKind } from "@guild/api/schemas/community-search";
import { optionalOneOf, optionalString, type SearchInput } from "../../lib/search-params.ts";

/** The API's kinds, checked against its type: a kind added there must be added here. */
const kinds = ["posts", "comments", "resources"] as const satisfies readonly CommunitySearchKind[];

export interface CommunitySearchParams {
  q?: string | undefined;
  kind?: CommunitySearchKind | undefined;
}

export function communitySearchParams(search: SearchInput): CommunitySearchParams {
  return { q: optionalString(search.q), kind: optionalOneOf(kinds, search.kind) };
}
