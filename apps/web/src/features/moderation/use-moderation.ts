import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** The open reports, oldest first (moderators; the API decides). */
export function useOpenReports() {
  const trpc = useOrgTRPC();
  return useInfiniteQuery(
    trpc.moderation.reports.infiniteQueryOptions(
      { limit: 30 },
      {
        initialCursor: null,
        getNextPageParam: (page) => page.nextCursor,
        placeholderData: keepPreviousData,
      },
    ),
  );
}

export function useResolveReport() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.moderation.resolveReport.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.moderation.pathFilter()),
    }),
  );
}

/**
 * A moderator's actions on posts and comments. After each, every post query (the page with its
 * badges, the feeds) and the comments refetch, and the queue: an action can settle a report.
 */
export function useModerationActions() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const onSuccess = async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.post.pathFilter()),
      queryClient.invalidateQueries(trpc.comment.pathFilter()),
      queryClient.invalidateQueries(trpc.moderation.pathFilter()),
    ]);
  };
  return {
    pin: useMutation(trpc.moderation.setPostPinned.mutationOptions({ onSuccess })),
    lock: useMutation(trpc.moderation.setPostLocked.mutationOptions({ onSuccess })),
    hide: useMutation(trpc.moderation.setPostHidden.mutationOptions({ onSuccess })),
    removePost: useMutation(trpc.moderation.removePost.mutationOptions({ onSuccess })),
    hideComment: useMutation(trpc.moderation.setCommentHidden.mutationOptions({ onSuccess })),
    removeComment: useMutation(trpc.moderation.removeComment.mutationOptions({ onSuccess })),
  };
}

/** A member reports a post or a comment; the queue (for a moderator reporting) refetches. */
export function useReport() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.moderation.report.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.moderation.reports.pathFilter()),
    }),
  );
}
