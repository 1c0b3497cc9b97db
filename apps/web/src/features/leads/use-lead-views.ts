import type { RouterOutputs } from "@guild/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { toast } from "sonner";
import { errorMessage } from "../../lib/errors.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { toastDeleted } from "../../lib/undo-toast.ts";

export type LeadView = RouterOutputs["leadView"]["list"][number];

/** The member's own views of the leads list, then the organization's shared ones. */
export function useLeadViews() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.leadView.list.queryOptions());
}

function useInvalidateViews() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.leadView.pathFilter());
}

export function useCreateLeadView() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateViews();
  return useMutation(trpc.leadView.create.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useUpdateLeadView() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateViews();
  return useMutation(trpc.leadView.update.mutationOptions({ onSuccess: () => invalidate() }));
}

/** Deletes a view, with the toast's Undo restoring it on the server. */
export function useDeleteLeadView() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateViews();
  const restore = useMutation(
    trpc.leadView.restore.mutationOptions({ onSuccess: () => invalidate() }),
  );
  const remove = useMutation(
    trpc.leadView.delete.mutationOptions({ onSuccess: () => invalidate() }),
  );
  const { mutateAsync: restoreAsync } = restore;
  const { mutateAsync: removeAsync } = remove;
  return useCallback(
    (view: LeadView) =>
      removeAsync({ id: view.id }).then(
        () =>
          toastDeleted(`the view “${view.name}”`, () => restoreAsync({ id: view.id }), "the view"),
        (error: unknown) => toast.error(`Could not delete the view: ${errorMessage(error)}`),
      ),
    [removeAsync, restoreAsync],
  );
}
