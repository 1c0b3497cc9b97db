import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** The caller's answer, place on the waitlist, seats and the online link. */
export function useMyRsvp(eventId: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.eventRsvp.mine.queryOptions({ eventId }));
}

/** The hosts' guest list (FORBIDDEN to others: only fetched when the page says they host). */
export function useGuestList(eventId: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.eventRsvp.guests.queryOptions({ eventId }));
}

export function useRespond(eventId: string) {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.eventRsvp.respond.mutationOptions({
      // The answer is the new panel at once; the event's seats, the guest list and the live
      // session's join button read again.
      onSuccess: (mine) => {
        queryClient.setQueryData(trpc.eventRsvp.mine.queryKey({ eventId }), mine);
        return Promise.all([
          queryClient.invalidateQueries(trpc.eventRsvp.guests.queryFilter({ eventId })),
          queryClient.invalidateQueries(trpc.event.get.queryFilter({ id: eventId })),
          queryClient.invalidateQueries(trpc.liveSession.get.queryFilter({ eventId })),
        ]);
      },
    }),
  );
}
