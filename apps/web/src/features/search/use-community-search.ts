// Community search's queries (routers/search.ts): one infinite query per kind and words.
import type { RouterOutputs } from "@guild/api";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

export type PostHit = RouterOutputs["search"]["posts"]["items"][number];
export type CommentHit = RouterOutputs["search"]["comments"]["items"][number];
export type ResourceHit = RouterOutputs["search"]["resources"]["items"][number];
export type Highlighted = PostHit["snippet"];

const PAGE = 20;

const paging = {
  initialCursor: null,
  getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor,
};

/** Posts matching `q` (trimmed; "" runs nothing), a page at a time. */
export function usePostSearch(q: string) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery({
    ...trpc.search.posts.infiniteQueryOptions({ q, kind: "posts", limit: PAGE }, paging),
    enabled: q.length > 0,
    // A new search keeps the previous results on screen until its first page arrives.
    placeholderData: (previous) => previous,
  });
}

/** Comments matching `q`, a page at a time. */
export function useCommentSearch(q: string) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery({
    ...trpc.search.comments.infiniteQueryOptions({ q, kind: "comments", limit: PAGE }, paging),
    enabled: q.length > 0,
    placeholderData: (previous) => previous,
  });
}

/** Files and links in resources spaces matching `q`, a page at a time. */
export function useResourceSearch(q: string) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery({
    ...trpc.search.resources.infiniteQueryOptions({ q, kind: "resources", limit: PAGE }, paging),
    enabled: q.length > 0,
    placeholderData: (previous) => previous,
  });
}
