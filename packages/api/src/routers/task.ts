import type { TRPCRouterRecord } from "@trpc/server";
import { crmProcedure } from "../rungs/crm.ts";
import { byIdInput } from "../schemas/common.ts";
import {
  bulkAssignTasksInput,
  bulkCompleteTasksInput,
  completeTaskInput,
  createTaskInput,
  listLeadTasksInput,
  listTasksInput,
  taskFilter,
  taskIdsInput,
  taskSelection,
  updateTaskInput,
} from "../schemas/task.ts";
import {
  completeTask,
  countTasks,
  createTask,
  deleteTask,
  getTask,
  listLeadTasks,
  listTasks,
  restoreTask,
  updateTask,
} from "../services/task.ts";
import {
  bulkAssignTasks,
  bulkCompleteTasks,
  bulkDeleteTasks,
  bulkRestoreTasks,
} from "../services/task-bulk.ts";

// Tasks are the CRM's (policies/lead.ts): every member with CRM access reads and works them,
// deleting (and its Undo) included: a task is a colleague's to-do, not the customer's record.
const read = crmProcedure("read");
const write = crmProcedure("write");

export const taskRouter = {
  list: read.input(listTasksInput).query(({ ctx, input }) => listTasks(ctx.scope, input)),
  count: read.input(taskFilter).query(({ ctx, input }) => countTasks(ctx.scope, input)),
  listForLead: read
    .input(listLeadTasksInput)
    .query(({ ctx, input }) => listLeadTasks(ctx.scope, input)),
  byId: read.input(byIdInput).query(({ ctx, input }) => getTask(ctx.scope, input.id)),
  create: write.input(createTaskInput).mutation(({ ctx, input }) => createTask(ctx.scope, input)),
  update: write.input(updateTaskInput).mutation(({ ctx, input }) => updateTask(ctx.scope, input)),
  /** Done, or open again with `done: false`. */
  complete: write
    .input(completeTaskInput)
    .mutation(({ ctx, input }) => completeTask(ctx.scope, input)),
  delete: write.input(byIdInput).mutation(({ ctx, input }) => deleteTask(ctx.scope, input)),
  restore: write.input(byIdInput).mutation(({ ctx, input }) => restoreTask(ctx.scope, input)),
  // By filter ("select all N matching") or by ids among its matches; see services/task-bulk.ts.
  bulkComplete: write
    .input(bulkCompleteTasksInput)
    .mutation(({ ctx, input }) => bulkCompleteTasks(ctx.scope, input)),
  bulkAssign: write
    .input(bulkAssignTasksInput)
    .mutation(({ ctx, input }) => bulkAssignTasks(ctx.scope, input)),
  bulkDelete: write
    .input(taskSelection)
    .mutation(({ ctx, input }) => bulkDeleteTasks(ctx.scope, input)),
  /** A bulk delete's Undo: the ids it answered, all or nothing. */
  bulkRestore: write
    .input(taskIdsInput)
    .mutation(({ ctx, input }) => bulkRestoreTasks(ctx.scope, input)),
} satisfies TRPCRouterRecord;
