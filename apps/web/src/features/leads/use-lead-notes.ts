import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { toast } from "sonner";
import { errorMessage } from "../../lib/errors.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { toastDeleted } from "../../lib/undo-toast.ts";

/** The timelines refetch after any note change (a colleague's reach them through live.ts). */
function useInvalidateTimelines() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.lead.timeline.pathFilter());
}

export function useAddLeadNote() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateTimelines();
  return useMutation(trpc.leadNote.add.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useUpdateLeadNote() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateTimelines();
  return useMutation(trpc.leadNote.update.mutationOptions({ onSuccess: () => invalidate() }));
}

/**
 * Deletes a note at once and says so in a toast whose Undo restores it on the server (the
 * delete is soft: leadNote.restore brings it back), instead of asking first.
 */
export function useRemoveLeadNote() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateTimelines();
  const remove = useMutation(
    trpc.leadNote.remove.mutationOptions({ onSuccess: () => invalidate() }),
  );
  const restore = useMutation(
    trpc.leadNote.restore.mutationOptions({ onSuccess: () => invalidate() }),
  );
  const { mutateAsync: removeAsync } = remove;
  const { mutateAsync: restoreAsync } = restore;
  const removeNote = useCallback(
    (id: string, what: string) =>
      removeAsync({ id }).then(
        () => toastDeleted(`the ${what}`, () => restoreAsync({ id })),
        (error: unknown) => toast.error(`Could not delete the ${what}: ${errorMessage(error)}`),
      ),
    [removeAsync, restoreAsync],
  );
  return { removeNote, isPending: remove.isPending };
}
