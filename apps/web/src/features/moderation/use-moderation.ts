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
