// The events screens' queries and mutations (routers/event.ts). Lists and calendars show
// summaries; the event page reads event.get. Every change refreshes the whole `event` router's
// cache: a series edit moves many occurrences, and lists, calendars and "live now" all show them.
import type { RouterOutputs } from "@guild/api";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

export type EventSummary = RouterOutputs["event"]["list"]["items"][number];
export type EventDetail = RouterOutputs["event"]["get"];

const PAGE = 12;

/** A space's upcoming events, soonest first, or its past ones, latest first; by tag. */
export function useSpaceEvents(spaceId: string, past: boolean, tag: string | null) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery({
    ...trpc.event.list.infiniteQueryOptions(
      { spaceId, when: past ? "past" : "upcoming", tag, limit: PAGE },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
    placeholderData: keepPreviousData,
  });
}

/** Every tag of a space's upcoming (or past) events, for its tag filter. */
export function useSpaceEventTags(spaceId: string, past: boolean) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.event.tags.queryOptions({ spaceId, when: past ? "past" : "upcoming" }),
    placeholderData: keepPreviousData,
  });
}

/** Events overlapping [from, to) in every events space the member sees (the calendar). */
export function useCalendarEvents(from: Date, to: Date) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.event.calendar.queryOptions({ from, to, spaceId: null }),
    placeholderData: keepPreviousData,
  });
}

/**
 * Events running now in the spaces the member sees (the shell's "Live now", a space's strip). A
 * start or an end is the clock's doing, not an event's change, so it is read again every minute
 * too.
 */
export function useLiveEvents(spaceId: string | null = null) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.event.liveNow.queryOptions({ spaceId }),
    refetchInterval: 60_000,
  });
}

export function useEvent(eventId: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.event.get.queryOptions({ id: eventId }));
}

function useRefreshEvents() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.event.pathFilter());
}

export function useEventMutations() {
  const trpc = useOrgTRPC();
  const refresh = useRefreshEvents();
  return {
    create: useMutation(trpc.event.create.mutationOptions({ onSuccess: refresh })),
    update: useMutation(trpc.event.update.mutationOptions({ onSuccess: refresh })),
    cancel: useMutation(trpc.event.cancel.mutationOptions({ onSuccess: refresh })),
    remove: useMutation(trpc.event.remove.mutationOptions()),
    refresh,
  };
}
