import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";

export function useInvitation(invitationId: string, enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.me.invitations.byId.queryOptions({ id: invitationId }), enabled });
}

/** Accepting or declining changes my organizations and my open invitations. */
function useAnswerOptions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return {
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.me.invitations.pathFilter()),
        queryClient.invalidateQueries(trpc.me.organizations.list.pathFilter()),
      ]),
  };
}

export function useAcceptInvitation() {
  const trpc = useTRPC();
  return useMutation(trpc.me.invitations.accept.mutationOptions(useAnswerOptions()));
}

export function useDeclineInvitation() {
  const trpc = useTRPC();
  return useMutation(trpc.me.invitations.decline.mutationOptions(useAnswerOptions()));
}
