import type { RouterInputs, RouterOutputs } from "@guild/api";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

export type Task = RouterOutputs["task"]["byId"];
export type TaskListInput = Omit<RouterInputs["task"]["list"], "cursor">;

/** Keyset pages of a member's tasks (the caller's by default). */
export function useTaskList(input: TaskListInput) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery(
    trpc.task.list.infiniteQueryOptions(input, {
      initialCursor: null,
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
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
