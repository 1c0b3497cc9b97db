import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** The event's live session as the caller sees it (the event page's panel). */
export function useLiveSession(eventId: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.liveSession.get.queryOptions({ eventId }));
}

/** The courses and lessons a host may link a session to (only fetched for the settings form). */
export function useLinkOptions(enabled: boolean) {
  const trpc = useOrgTRPC();
  return useQuery({ ...trpc.liveSession.linkOptions.queryOptions(), enabled });
}

/** The host's attendance and feedback statistics. */
export function useSessionStats(eventId: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.liveSession.stats.queryOptions({ eventId }));
}

export function useLiveSessionMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  // Attendance, feedback and settings change what the panel, the statistics and the XP show.
  const options = {
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.liveSession.pathFilter()),
        queryClient.invalidateQueries(trpc.xp.pathFilter()),
      ]),
  };
  return {
    join: useMutation(trpc.liveSession.join.mutationOptions(options)),
    leave: useMutation(trpc.liveSession.leave.mutationOptions(options)),
    feedback: useMutation(trpc.liveSession.feedback.mutationOptions(options)),
    configure: useMutation(trpc.liveSession.configure.mutationOptions(options)),
    setRecording: useMutation(trpc.liveSession.setRecording.mutationOptions(options)),
  };
}
