// CRM tasks: the inputs of the task procedures, shared with the web's task forms.
import { z } from "zod";
import { idSchema, text, timestamp } from "./common.ts";

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

export const taskStatuses = ["open", "overdue", "done"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** Keyset position: the sort time (due for open and overdue, done for done) and the id. */
export const taskCursor = z.object({ at: timestamp(), id: idSchema });
export type TaskCursor = z.infer<typeof taskCursor>;

export const listTasksInput = z.object({
  /** Whose tasks; default the caller's own. */
  assigneeMemberId: idSchema.optional(),
  /** open (by due date, soonest first), overdue (open and past due), done (latest first). */
  status: z.enum(taskStatuses, "Choose open, overdue or done").default("open"),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: taskCursor.nullish(),
});
export type ListTasksInput = z.input<typeof listTasksInput>;

export const listLeadTasksInput = z.object({
  leadId: idSchema,
  limit: z.number().int().min(1).max(100).default(25),
  /** Every task of the lead by due date, done ones included. */
  cursor: taskCursor.nullish(),
});
