// The posts' and feeds' queries and mutations (routers/post.ts).
import type { RouterInputs, RouterOutputs } from "@guild/api";
import type { FeedSort } from "@guild/api/schemas/post";
import type { PostType } from "@guild/db/enums";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useOrgTRPC } from "../../lib/trpc.ts";

export type Post = RouterOutputs["post"]["get"];
export type CreatePostInput = RouterInputs["post"]["create"];

const PAGE = 20;

/** Only posts of a type, or with a tag (null: all). */
export interface FeedFilter {
  type: PostType | null;
  tag: string | null;
}

/** A space's feed: pinned posts (first page), then `sort`'s pages as "Load more" asks. */
export function useSpaceFeed(spaceId: string, sort: FeedSort, filter: FeedFilter) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery({
    ...trpc.post.feed.infiniteQueryOptions(
      { spaceId, sort, limit: PAGE, type: filter.type, tag: filter.tag },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
    // Another sort keeps the current posts on screen until its first page arrives.
    placeholderData: (previous) => previous,
  });
}

/** The home feed: every space the member sees. */
export function useHomeFeed(sort: FeedSort, limit = PAGE) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery({
    ...trpc.post.home.infiniteQueryOptions(
      { sort, limit },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
    placeholderData: (previous) => previous,
  });
}

/** One post (its page), kept fresh by its live events (posts/live.ts). */
export function usePost(id: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.post.get.queryOptions({ id }));
}

/**
 * Counts the member's view of a post once per opening of its page (not per refetch: the page is
 * read again on every live event). The count shown catches up at the next read.
 */
export function useCountView(id: string) {
  const trpc = useOrgTRPC();
  const { mutate } = useMutation(trpc.post.view.mutationOptions());
  const counted = useRef<string | null>(null);
  useEffect(() => {
    if (counted.current === id) return;
    counted.current = id;
    mutate({ id });
  }, [id, mutate]);
}

export function useDrafts() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.post.drafts.queryOptions({ limit: 50 }));
}

/** Every post query again after a change: feeds, drafts, the page. */
export function usePostMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const options = { onSuccess: () => queryClient.invalidateQueries(trpc.post.pathFilter()) };
  return {
    create: useMutation(trpc.post.create.mutationOptions(options)),
    update: useMutation(trpc.post.update.mutationOptions(options)),
    remove: useMutation(trpc.post.remove.mutationOptions(options)),
  };
}
