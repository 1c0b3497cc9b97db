import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** The spaces the member sees, grouped as the sidebar lists them. */
export function useSpaces() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.space.list.queryOptions());
}

/** One space by its address (NOT_FOUND: not there, or not the member's to see). */
export function useSpace(slug: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.space.get.queryOptions({ slug }));
}

export function useSpaceMembers(spaceId: string | undefined) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.space.members.queryOptions({ spaceId: spaceId ?? "" }),
    enabled: spaceId !== undefined,
  });
}

/** Every space query again after a change: the sidebar, the page, its members. */
export function useSpaceMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const options = { onSuccess: () => queryClient.invalidateQueries(trpc.space.pathFilter()) };
  return {
    create: useMutation(trpc.space.create.mutationOptions(options)),
    update: useMutation(trpc.space.update.mutationOptions(options)),
    archive: useMutation(trpc.space.archive.mutationOptions(options)),
    join: useMutation(trpc.space.join.mutationOptions(options)),
    leave: useMutation(trpc.space.leave.mutationOptions(options)),
    mute: useMutation(trpc.space.mute.mutationOptions(options)),
    addMember: useMutation(trpc.space.addMember.mutationOptions(options)),
    removeMember: useMutation(trpc.space.removeMember.mutationOptions(options)),
    setTiers: useMutation(trpc.space.setTiers.mutationOptions(options)),
    reorder: useMutation(trpc.space.reorder.mutationOptions(options)),
  };
}
