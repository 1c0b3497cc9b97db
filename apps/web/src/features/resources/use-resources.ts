import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** A resources space's folders and resources (NOT_FOUND: not there, or not the member's to see). */
export function useResources(spaceId: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.resource.list.queryOptions({ spaceId }));
}

/** The moderators' changes; each reads the library again after it. */
export function useResourceMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.resource.list.pathFilter());
  const options = { onSuccess: refresh };
  return {
    refresh,
    createFolder: useMutation(trpc.resource.createFolder.mutationOptions(options)),
    updateFolder: useMutation(trpc.resource.updateFolder.mutationOptions(options)),
    removeFolder: useMutation(trpc.resource.removeFolder.mutationOptions(options)),
    reorderFolders: useMutation(trpc.resource.reorderFolders.mutationOptions(options)),
    addLink: useMutation(trpc.resource.addLink.mutationOptions(options)),
    update: useMutation(trpc.resource.update.mutationOptions(options)),
    move: useMutation(trpc.resource.move.mutationOptions(options)),
    reorder: useMutation(trpc.resource.reorder.mutationOptions(options)),
    remove: useMutation(trpc.resource.remove.mutationOptions(options)),
  };
}
