import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** The caller's achievements: earned with the date, locked with progress. */
export function useMyAchievements() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.achievement.mine.queryOptions());
}

/** Every achievement of the organization, archived too, for admins. */
export function useManagedAchievements(enabled: boolean) {
  const trpc = useOrgTRPC();
  return useQuery({ ...trpc.achievement.manageList.queryOptions(), enabled });
}

export function useAchievementMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const options = {
    onSuccess: () => queryClient.invalidateQueries(trpc.achievement.pathFilter()),
  };
  return {
    create: useMutation(trpc.achievement.create.mutationOptions(options)),
    update: useMutation(trpc.achievement.update.mutationOptions(options)),
    archive: useMutation(trpc.achievement.archive.mutationOptions(options)),
    restore: useMutation(trpc.achievement.restore.mutationOptions(options)),
  };
}
