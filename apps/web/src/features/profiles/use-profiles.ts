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
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.profile.pathFilter()),
          queryClient.invalidateQueries(trpc.member.pathFilter()),
        ]),
    }),
  );
}
