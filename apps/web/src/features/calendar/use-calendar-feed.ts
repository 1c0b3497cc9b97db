import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** Whether the member has a calendar feed, and since when (its URL is shown only when made). */
export function useCalendarFeed() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.calendarFeed.get.queryOptions());
}

function useRefreshFeed() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.calendarFeed.get.pathFilter());
}

export function useCreateCalendarFeed() {
  const trpc = useOrgTRPC();
  const refresh = useRefreshFeed();
  return useMutation(trpc.calendarFeed.create.mutationOptions({ onSuccess: () => refresh() }));
}

export function useRotateCalendarFeed() {
  const trpc = useOrgTRPC();
  const refresh = useRefreshFeed();
  return useMutation(trpc.calendarFeed.rotate.mutationOptions({ onSuccess: () => refresh() }));
}

export function useRevokeCalendarFeed() {
  const trpc = useOrgTRPC();
  const refresh = useRefreshFeed();
  return useMutation(trpc.calendarFeed.revoke.mutationOptions({ onSuccess: () => refresh() }));
}
