import { optionalOneOf, type SearchInput } from "../../lib/search-params.ts";

// The states written out (not imported from the API's schema): the route tree loads with the
// sign-in screen, which has no kilobyte to spare for zod (e2e bundle-budget).
export const studioStates = ["draft", "scheduled", "published", "failed"] as const;
export type StudioState = (typeof studioStates)[number];

export interface StudioSearch {
  /** The list shown: drafts when absent. */
  state?: StudioState;
}

/** `/o/$slug/studio?state=scheduled`: a bad value falls back to the drafts. */
export function studioSearch(search: SearchInput): StudioSearch {
  const state = optionalOneOf(studioStates, search.state);
  return state && state !== "draft" ? { state } : {};
}
