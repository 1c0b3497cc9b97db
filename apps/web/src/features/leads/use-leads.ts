import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useCallback } from "react";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { toastDeleted } from "../../lib/undo-toast.ts";
import type { LeadFilter, LeadListInput } from "./lead-list-search.ts";

export type { LeadFilter, LeadListInput } from "./lead-list-search.ts";

/**
 * Keyset pages of leads; `trpc.lead.pathFilter()` invalidates them like any other lead query.
 * A new search, filter or sort keeps the previous rows on screen until its answer arrives.
 */
export function useLeadList(input: LeadListInput) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery(
    trpc.lead.list.infiniteQueryOptions(input, {
      initialCursor: null,
      getNextPageParam: (page) => page.nextCursor,
      placeholderData: keepPreviousData,
    }),
  );
}

/** How many leads a filter matches (the table's total and "select all N matching"). */
export function useLeadCount(filter: LeadFilter) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.lead.count.queryOptions(filter, { placeholderData: keepPreviousData }));
}

export function useLead(id: string, enabled = true) {
  const trpc = useOrgTRPC();
  return useQuery({ ...trpc.lead.byId.queryOptions({ id }), enabled });
}

export function usePipelineSummary() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.lead.pipelineSummary.queryOptions());
}

/** Every lead query of this organization: lists, details, the pipeline summary. */
function useInvalidateLeads() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.lead.pathFilter());
}

export function useCreateLead() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateLeads();
  return useMutation(trpc.lead.create.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useUpdateLead() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateLeads();
  return useMutation(
    trpc.lead.update.mutationOptions({
      onSuccess: (lead) => {
        queryClient.setQueryData(trpc.lead.byId.queryKey({ id: lead.id }), lead);
        return invalidate();
      },
    }),
  );
}

export function useChangeLeadStatus() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateLeads();
  return useMutation(
    trpc.lead.changeStatus.mutationOptions({
      // The detail page shows the new status at once; the server's answer confirms or reverts it.
      onMutate: async ({ id, status }) => {
        const key = trpc.lead.byId.queryKey({ id });
        await queryClient.cancelQueries({ queryKey: key });
        const previous = queryClient.getQueryData(key);
        if (previous) queryClient.setQueryData(key, { ...previous, status });
        return { previous };
      },
      onError: (_error, { id }, context) => {
        if (context?.previous)
          queryClient.setQueryData(trpc.lead.byId.queryKey({ id }), context.previous);
      },
      onSettled: () => invalidate(),
    }),
  );
}

export function useRemoveLeads() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.lead.remove.mutationOptions({
      onSuccess: async (_result, { ids }) => {
        for (const id of ids)
          queryClient.removeQueries({ queryKey: trpc.lead.byId.queryKey({ id }) });
        await queryClient.invalidateQueries(trpc.lead.pathFilter());
      },
    }),
  );
}

/** Bulk actions by filter (or ids among its matches): every lead query refreshes after one. */
export function useBulkChangeLeadStatus() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateLeads();
  return useMutation(trpc.lead.bulkChangeStatus.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useBulkAssignLeads() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateLeads();
  return useMutation(trpc.lead.bulkAssign.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useBulkRemoveLeads() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.lead.bulkRemove.mutationOptions({
      onSuccess: async ({ ids }) => {
        for (const id of ids)
          queryClient.removeQueries({ queryKey: trpc.lead.byId.queryKey({ id }) });
        await queryClient.invalidateQueries(trpc.lead.pathFilter());
      },
    }),
  );
}

/**
 * Says leads were deleted, in a toast whose Undo restores them on the server (a delete is soft:
 * lead.restore brings them back within the retention window). It outlives the screen that
 * deleted them (a lead's page goes to the list): mutateAsync's promise settles after an unmount,
 * where mutate's per-call callbacks would not run.
 */
export function useDeletedLeadsToast() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const restore = useMutation(
    trpc.lead.restore.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.lead.pathFilter());
      },
    }),
  );
  const { mutateAsync } = restore;
  return useCallback(
    (ids: string[], what: string) => toastDeleted(what, () => mutateAsync({ ids })),
    [mutateAsync],
  );
}
