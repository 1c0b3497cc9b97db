// The search screen's URL (?q=…&kind=posts|comments): plain functions, no zod (search-params.ts).
import { communitySearchKinds } from "@guild/api/schemas/community-search";
import { optionalOneOf, optionalString, type SearchInput } from "../../lib/search-params.ts";

export interface CommunitySearchParams {
  q?: string | undefined;
  kind?: (typeof communitySearchKinds)[number] | undefined;
}

export function communitySearchParams(search: SearchInput): CommunitySearchParams {
  return { q: optionalString(search.q), kind: optionalOneOf(communitySearchKinds, search.kind) };
}
