import { isUuid, type SearchInput } from "../../lib/search-params.ts";

/** `?id=`: the import under way or done, so its progress and summary survive a reload. */
export function leadImportSearch(search: SearchInput): { id?: string | undefined } {
  return { id: isUuid(search.id) ? search.id : undefined };
}
