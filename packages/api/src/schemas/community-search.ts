// Community search (issue 11): what the search page asks for. Shared with the web's search box.
import { z } from "zod";
import { fromBase64Url, idSchema, lineOfText, toBase64Url } from "./common.ts";

export const communitySearchKinds = ["posts", "comments", "resources"] as const;
export type CommunitySearchKind = (typeof communitySearchKinds)[number];

/**
 * Where a page of results ended, opaque to clients. "ranked": the few matches (at most the
 * search's id limit) ordered by relevance (query words in the title), then newest; the cursor
 * holds the last row's rank, time and id. "recent": a common word, newest first (rank 0).
 */
export interface SearchCursor {
  mode: "ranked" | "recent";
  rank: number;
  /** ms since the epoch: the post's publication or the comment's creation. */
  at: number;
  id: string;
}

export function encodeSearchCursor(cursor: SearchCursor): string {
  return toBase64Url(JSON.stringify([cursor.mode, cursor.rank, cursor.at, cursor.id]));
}

const cursorTuple = z.tuple([
  z.enum(["ranked", "recent"]),
  z.number().int().min(0).max(1000),
  z.number().int().safe(),
  idSchema,
]);

const searchCursor = z
  .string()
  .max(300)
  .transform((value, ctx): SearchCursor => {
    try {
      const [mode, rank, at, id] = cursorTuple.parse(JSON.parse(fromBase64Url(value)));
      return { mode, rank, at, id };
    } catch {
      ctx.addIssue({ code: "custom", message: "This page link is no longer valid" });
      return z.NEVER;
    }
  });

export const communitySearchInput = z.object({
  q: lineOfText()
    .trim()
    .min(1, "Type something to search for")
    .max(200, "A search is at most 200 characters"),
  kind: z.enum(communitySearchKinds).default("posts"),
  cursor: searchCursor.nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});
