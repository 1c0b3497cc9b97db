import type { RouterInputs } from "@guild/api";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useOrgTRPC, useTRPC } from "../../lib/trpc.ts";

export type MemberDirectoryInput = Omit<NonNullable<RouterInputs["member"]["list"]>, "cursor">;

/**
 * Keyset pages of the member directory (name order), searched on the server: nobody loads every
 * member. While a new search loads, the previous results stay on screen.
 */
export function useMemberDirectory(input: MemberDirectoryInput, enabled = true) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery({
    ...trpc.member.list.infiniteQueryOptions(input, {
      initialCursor: null,
      getNextPageParam: (page) => page.nextCursor,
    }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** One member as the directory shows them (e.g. the name of a chosen owner). */
export function useMember(memberId: string | undefined) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.member.byId.queryOptions({ id: memberId ?? "" }),
    enabled: Boolean(memberId),
  });
}

/** After a membership change: the member list, my own role, and my organizations list. */
function useInvalidateMembership() {
  const trpc = useTRPC();
  const orgTrpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(orgTrpc.member.pathFilter()),
      queryClient.invalidateQueries(orgTrpc.organization.current.pathFilter()),
      queryClient.invalidateQueries(trpc.me.organizations.list.pathFilter()),
    ]);
}

export function useChangeMemberRole() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateMembership();
  return useMutation(trpc.member.changeRole.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useRemoveMember() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateMembership();
  // Their leads lose their owner: lead lists show it.
  const queryClient = useQueryClient();
  return useMutation(
    trpc.member.remove.mutationOptions({
      onSuccess: () =>
        Promise.all([invalidate(), queryClient.invalidateQueries(trpc.lead.pathFilter())]),
    }),
  );
}

/** Resolves once the refetched directory shows the change (its callers wait for that). */
export function useSetCrmAccess() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateMembership();
  return useMutation(trpc.member.setCrmAccess.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useTransferOwnership() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateMembership();
  return useMutation(
    trpc.member.transferOwnership.mutationOptions({ onSuccess: () => invalidate() }),
  );
}

export function useLeaveOrganization() {
  const trpc = useTRPC();
  const orgTrpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    orgTrpc.member.leave.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.me.organizations.list.pathFilter()),
    }),
  );
}

export function useInvitations(enabled: boolean) {
  const trpc = useOrgTRPC();
  return useQuery({ ...trpc.invitation.list.queryOptions(), enabled });
}

function useInvitationMutationOptions() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  // The mail goes by a job after the commit: a saved invitation is a successful call.
  return { onSuccess: () => queryClient.invalidateQueries(trpc.invitation.list.pathFilter()) };
}

export function useCreateInvitation() {
  const trpc = useOrgTRPC();
  return useMutation(trpc.invitation.create.mutationOptions(useInvitationMutationOptions()));
}

export function useResendInvitation() {
  const trpc = useOrgTRPC();
  return useMutation(trpc.invitation.resend.mutationOptions(useInvitationMutationOptions()));
}

export function useRevokeInvitation() {
  const trpc = useOrgTRPC();
  return useMutation(trpc.invitation.revoke.mutationOptions(useInvitationMutationOptions()));
}

/** How many members a filter matches: the table's total and "select all N matching". */
export function useMemberCount(filter: RouterInputs["member"]["count"]) {
  const trpc = useOrgTRPC();
  return useQuery({ ...trpc.member.count.queryOptions(filter), placeholderData: keepPreviousData });
}

/** The bulk role change of the members table (by filter, or ids among its matches). */
export function useBulkChangeMemberRole() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateMembership();
  return useMutation(trpc.member.bulkChangeRole.mutationOptions({ onSuccess: () => invalidate() }));
}
