// CRM tasks: the inputs of the task procedures, shared with the web's task forms.
import { z } from "zod";
import { idSchema, text, timestamp } from "./common.ts";
import { TASK_BULK_LIMIT, taskListStatuses, taskSortFields } from "./task-constants.ts";

/** The fields a person edits; the form checks them with this schema too. */
export const taskFields = z.object({
  title: text().trim().min(1, "Title is required").max(200, "Title must be at most 200 characters"),
  notes: text()
    .trim()
    .max(5000, "Notes must be at most 5000 characters")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  dueAt: timestamp(),
  /** Default: the member creating the task. */
  assigneeMemberId: idSchema.optional(),
  leadId: idSchema.nullable().optional(),
});

export const createTaskInput = taskFields;
export const updateTaskInput = taskFields.partial().extend({ id: idSchema });
/** Done or open again. */
export const completeTaskInput = z.object({ id: idSchema, done: z.boolean().default(true) });

export {
  type TaskListStatus,
  type TaskStatus,
  taskListStatuses,
  taskStatuses,
} from "./task-constants.ts";

/** Keyset position: the sort time (due for open and overdue, done for done) and the id. */
export const taskCursor = z.object({ at: timestamp(), id: idSchema });
export type TaskCursor = z.infer<typeof taskCursor>;

/** Which tasks a list shows, without order or page: the count and the bulk actions take it too. */
export const taskFilter = z.object({
  /** Whose tasks; default the caller's own. */
  assigneeMemberId: idSchema.optional(),
  /** Everyone's tasks (the organization's list): the assignee is ignored. */
  everyone: z.boolean().optional(),
  /** open (by due date, soonest first), overdue (open and past due), done (latest first), all. */
  status: z.enum(taskListStatuses, "Choose open, overdue, done or all").default("open"),
});
export type TaskFilter = z.input<typeof taskFilter>;

export {
  TASK_BULK_LIMIT,
  type TaskSortField,
  type TaskTableColumn,
  taskSortFields,
  taskTableColumns,
} from "./task-constants.ts";

/** Keyset position in a sorted task list: the sort's keys as text, then the id. */
export const taskListCursor = z.object({
  keys: z.array(text().max(1000)).min(1).max(2),
  id: idSchema,
});
export type TaskListCursor = z.infer<typeof taskListCursor>;

export const listTasksInput = taskFilter.extend({
  /** Default: due date for open and overdue, completion for done (latest first). */
  sort: z.enum(taskSortFields).optional(),
  // Not "direction": tRPC's infinite-query helpers write their own `direction` into the input.
  order: z.enum(["asc", "desc"]).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: taskListCursor.nullish(),
});
export type ListTasksInput = z.input<typeof listTasksInput>;

const bulkLimitMessage = `At most ${TASK_BULK_LIMIT.toLocaleString("en")} tasks at once`;

/** Tasks to restore, all or nothing (a bulk delete's Undo restores its ids). */
export const taskIdsInput = z.object({
  ids: z.array(idSchema).min(1, "Select at least one task").max(TASK_BULK_LIMIT, bulkLimitMessage),
});

/** The tasks a bulk action applies to: all the filter matches, or the chosen ids among them. */
export const taskSelection = z.object({
  filter: taskFilter,
  ids: z
    .array(idSchema)
    .min(1, "Select at least one task")
    .max(TASK_BULK_LIMIT, bulkLimitMessage)
    .optional(),
});
export const bulkCompleteTasksInput = taskSelection.extend({ done: z.boolean().default(true) });
export const bulkAssignTasksInput = taskSelection.extend({ assigneeMemberId: idSchema });

export const listLeadTasksInput = z.object({
  leadId: idSchema,
  limit: z.number().int().min(1).max(100).default(25),
  /** Every task of the lead by due date, done ones included. */
  cursor: taskCursor.nullish(),
});
