import type { RouterOutputs } from "@guild/api";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

export type CommentPage = RouterOutputs["comment"]["list"];
export type Comment = CommentPage["items"][number];
export type ReactionState = Comment["reactions"];
export type CommentCursor = NonNullable<Comment["moreReplies"]>;

const PAGE = 20;

/** A post's comments on the post itself, oldest first, page by page ("Load more comments"). */
export function useComments(postId: string) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery(
    trpc.comment.list.infiniteQueryOptions(
      { postId, limit: PAGE },
      {
        initialCursor: null,
        getNextPageParam: (page) => page.nextCursor,
        placeholderData: keepPreviousData,
      },
    ),
  );
}

/**
 * "Load more replies" under one comment: off until asked for, then its replies after those the
 * thread already shows (`after`), page by page.
 */
export function useMoreReplies(commentId: string, after: CommentCursor, enabled: boolean) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery({
    ...trpc.comment.replies.infiniteQueryOptions(
      { commentId, limit: PAGE },
      { initialCursor: after, getNextPageParam: (page) => page.nextCursor },
    ),
    enabled,
  });
}

/**
 * Writing, editing and deleting comments: the thread, the post's page and the feeds (their
 * comment counts) refetch after.
 */
export function useCommentMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const onSuccess = async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.comment.pathFilter()),
      queryClient.invalidateQueries(trpc.post.feed.pathFilter()),
      queryClient.invalidateQueries(trpc.post.home.pathFilter()),
      queryClient.invalidateQueries(trpc.post.get.pathFilter()),
    ]);
  };
  return {
    create: useMutation(trpc.comment.create.mutationOptions({ onSuccess })),
    update: useMutation(trpc.comment.update.mutationOptions({ onSuccess })),
    remove: useMutation(trpc.comment.remove.mutationOptions({ onSuccess })),
  };
}

/**
 * One post's reaction bar and vote buttons (a feed's card, the post's page). A feed card passes
 * its page's post ids: every card of the page asks for the same ids, so the page makes one
 * request (one query keyed by those ids) and each card reads its own entry.
 */
export function usePostReactions(postId: string, pageIds?: readonly string[]) {
  const trpc = useOrgTRPC();
  const postIds = pageIds?.includes(postId) ? [...pageIds] : [postId];
  return useQuery({
    ...trpc.reaction.ofPosts.queryOptions({ postIds }),
    select: (states) => states.find((state) => state.postId === postId) ?? null,
  });
}
