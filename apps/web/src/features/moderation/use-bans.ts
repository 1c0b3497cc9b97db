import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** Bans a member (moderators and up; the API holds them to the rank rule). */
export function useBanMember() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.ban.create.mutationOptions({
      // The person is gone from the directory, the counts and the bans list changes.
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.member.pathFilter()),
          queryClient.invalidateQueries(trpc.ban.pathFilter()),
        ]),
    }),
  );
}

/** Every ban, in force first (admins). */
export function useBans(enabled: boolean) {
  const trpc = useOrgTRPC();
  return useQuery({ ...trpc.ban.list.queryOptions(), enabled });
}

export function useLiftBan() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.ban.lift.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.ban.pathFilter()),
    }),
  );
}
