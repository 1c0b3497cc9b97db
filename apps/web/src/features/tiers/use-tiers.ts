import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** The tiers on offer (admins: the archived ones too). */
export function useTiers(includeArchived: boolean) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.memberTier.list.queryOptions({ includeArchived }));
}

/**
 * The caller's own tier. Back from a checkout it is asked again every second until the webhook
 * has made it active (`waiting`), as nothing else tells the screen.
 */
export function useMyTier(waiting: boolean) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.memberTier.mine.queryOptions(),
    refetchInterval: (query) => (waiting && !query.state.data?.active ? 1000 : false),
  });
}

export function useTierMembers(enabled: boolean) {
  const trpc = useOrgTRPC();
  return useQuery({ ...trpc.memberTier.members.queryOptions({}), enabled });
}

/**
 * Every tier query again after a change (the offer, one's own, who has which), and the spaces:
 * a tier taken or lost opens or closes paid spaces in the sidebar.
 */
function useInvalidateTiers() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.memberTier.pathFilter()),
      queryClient.invalidateQueries(trpc.space.pathFilter()),
    ]);
}

export function useTierMutations() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateTiers();
  const options = { onSuccess: invalidate };
  return {
    create: useMutation(trpc.memberTier.create.mutationOptions(options)),
    update: useMutation(trpc.memberTier.update.mutationOptions(options)),
    archive: useMutation(trpc.memberTier.archive.mutationOptions(options)),
    grant: useMutation(trpc.memberTier.grant.mutationOptions(options)),
    revoke: useMutation(trpc.memberTier.revoke.mutationOptions(options)),
    chooseFree: useMutation(trpc.memberTier.chooseFree.mutationOptions(options)),
    cancel: useMutation(trpc.memberTier.cancel.mutationOptions(options)),
    resume: useMutation(trpc.memberTier.resume.mutationOptions(options)),
    // Leaves for Stripe's page: nothing to refresh here.
    checkout: useMutation(trpc.memberTier.checkout.mutationOptions()),
  };
}

export function useConnectStatus(enabled: boolean) {
  const trpc = useOrgTRPC();
  return useQuery({ ...trpc.connect.status.queryOptions(), enabled });
}

export function useConnectMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return {
    start: useMutation(trpc.connect.start.mutationOptions()),
    sync: useMutation(
      trpc.connect.sync.mutationOptions({
        onSuccess: (status) => queryClient.setQueryData(trpc.connect.status.queryKey(), status),
      }),
    ),
  };
}
