import type { RouterInputs, RouterOutputs } from "@guild/api";
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

export type Task = RouterOutputs["task"]["byId"];
export type TaskListInput = Omit<RouterInputs["task"]["list"], "cursor">;

export type TaskFilter = RouterInputs["task"]["count"];

/**
 * Keyset pages of a task list (the caller's open tasks by default). While another filter or
 * order loads, the previous rows stay on screen.
 */
export function useTaskList(input: TaskListInput) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery({
    ...trpc.task.list.infiniteQueryOptions(input, {
      initialCursor: null,
      getNextPageParam: (page) => page.nextCursor,
    }),
    placeholderData: keepPreviousData,
  });
}

/** How many tasks a filter matches: the table's total and "select all N matching". */
export function useTaskCount(filter: TaskFilter) {
  const trpc = useOrgTRPC();
  return useQuery({ ...trpc.task.count.queryOptions(filter), placeholderData: keepPreviousData });
}

/** Keyset pages of a lead's tasks, by due date. */
export function useLeadTasks(leadId: string) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery(
    trpc.task.listForLead.infiniteQueryOptions(
      { leadId, limit: 25 },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
  );
}

/** Every task query of this organization: a change can move a task between any of them. */
function useInvalidateTasks() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.task.pathFilter());
}

export function useCreateTask() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateTasks();
  return useMutation(trpc.task.create.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useUpdateTask() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateTasks();
  return useMutation(trpc.task.update.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useCompleteTask() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateTasks();
  return useMutation(trpc.task.complete.mutationOptions({ onSettled: () => invalidate() }));
}

export function useDeleteTask() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateTasks();
  return useMutation(trpc.task.delete.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useBulkCompleteTasks() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateTasks();
  return useMutation(trpc.task.bulkComplete.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useBulkAssignTasks() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateTasks();
  return useMutation(trpc.task.bulkAssign.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useBulkDeleteTasks() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateTasks();
  return useMutation(trpc.task.bulkDelete.mutationOptions({ onSuccess: () => invalidate() }));
}

/**
 * "Deleted 3 tasks." with Undo: the server restores exactly the ids the delete answered (a soft
 * delete, kept for the retention window), not a delayed request.
 */
export function useDeletedTasksToast() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateTasks();
  const { mutateAsync } = useMutation(
    trpc.task.bulkRestore.mutationOptions({ onSuccess: () => invalidate() }),
  );
  return useCallback(
    (ids: string[], what: string) => toastDeleted(what, () => mutateAsync({ ids })),
    [mutateAsync],
  );
}
