// The studio screens' queries and mutations (routers/studio.ts). Every change refreshes the
// whole `studio` router's cache: a post moves between the state lists and the calendar.
import type { RouterOutputs } from "@guild/api";
import type { StudioPostState } from "@guild/db/enums";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

export type StudioPost = RouterOutputs["studio"]["get"];
export type StudioCalendarPost = RouterOutputs["studio"]["calendar"]["items"][number];

const PAGE = 20;

/** The member's posts in one state, most recently changed first, a page at a time. */
export function useStudioPosts(state: StudioPostState) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery({
    ...trpc.studio.list.infiniteQueryOptions(
      { state, limit: PAGE },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
    placeholderData: keepPreviousData,
  });
}

export function useStudioPost(id: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.studio.get.queryOptions({ id }));
}

/** The member's scheduled, published and failed posts in [from, to) (the calendar). */
export function useStudioCalendar(from: Date, to: Date) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.studio.calendar.queryOptions({ from, to }),
    placeholderData: keepPreviousData,
  });
}

/** The model the studio writes with ("local stand-in model"), or that there is none. */
export function useAiStatus() {
  const trpc = useOrgTRPC();
  return useQuery({ ...trpc.ai.status.queryOptions(), staleTime: 5 * 60_000 });
}

export function useStudioMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.studio.pathFilter());
  return {
    save: useMutation(trpc.studio.save.mutationOptions({ onSuccess: refresh })),
    update: useMutation(trpc.studio.update.mutationOptions({ onSuccess: refresh })),
    duplicate: useMutation(trpc.studio.duplicate.mutationOptions({ onSuccess: refresh })),
    remove: useMutation(trpc.studio.remove.mutationOptions({ onSuccess: refresh })),
    schedule: useMutation(trpc.studio.schedule.mutationOptions({ onSuccess: refresh })),
    unschedule: useMutation(trpc.studio.unschedule.mutationOptions({ onSuccess: refresh })),
    retry: useMutation(trpc.studio.retry.mutationOptions({ onSuccess: refresh })),
  };
}

export function useStudioWebhook() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.studio.webhookSettings.queryOptions());
}

export function useStudioWebhookMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.studio.webhookSettings.pathFilter());
  return {
    set: useMutation(trpc.studio.setWebhook.mutationOptions({ onSuccess: refresh })),
    rotate: useMutation(trpc.studio.rotateSecret.mutationOptions({ onSuccess: refresh })),
  };
}
