import type { RouterOutputs } from "@guild/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

export type MemberProfile = RouterOutputs["profile"]["byUsername"];

export function useProfile(username: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.profile.byUsername.queryOptions({ username }));
}

export function useMyProfile() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.profile.mine.queryOptions());
}

/** Saving changes every place a profile shows: the profile pages, the directory, mentions. */
export function useUpdateProfile() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.profile.update.mutationOptions({
      // Not awaited: the caller's onSuccess (which may move to a new username's page) runs
      // first, before the old address's refetch answers NOT_FOUND and unmounts the form.
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.profile.pathFilter());
        void queryClient.invalidateQueries(trpc.member.pathFilter());
      },
    }),
  );
}
