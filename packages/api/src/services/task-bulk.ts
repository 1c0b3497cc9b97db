// Bulk actions on tasks (the tasks table's "select all N matching" or some rows): they take the
// list's own filter (schemas/task.ts taskFilter), so what the table says matches is what the
// action changes. Each locks the matching tasks in id order, changes them in one statement and
// logs each task as the single change it repeats would (one activity entry, one realtime event).
import {
  and,
  crmTask,
  eq,
  inArray,
  isNotNull,
  isNull,
  live,
  type SQL,
  scheduleTaskReminder,
  sql,
  type TenantScope,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import {
  type bulkAssignTasksInput,
  type bulkCompleteTasksInput,
  TASK_BULK_LIMIT,
  type taskIdsInput,
  type taskSelection,
} from "../schemas/task.ts";
import { changesBetween, recordAndPublish } from "./activity.ts";
import { notify } from "./notification.ts";
import { assertAssigneeIsStaff, taskFilterConditions } from "./task.ts";

type Selection = z.output<typeof taskSelection>;

/**
 * The live tasks the selection names that `also` holds for, locked for this transaction, after
 * checking the selection is not past TASK_BULK_LIMIT: a refusal changes nothing.
 */
async function lockSelection(scope: TenantScope, selection: Selection, also?: SQL) {
  const where: SQL[] = [
    eq(crmTask.organizationId, scope.organizationId),
    live(crmTask),
    ...taskFilterConditions(scope, selection.filter),
  ];
  if (selection.ids) where.push(inArray(crmTask.id, [...new Set(selection.ids)]));
  const [counted] = await scope.db
    .select({ count: sql<number>`count(*)::int` })
    .from(crmTask)
    .where(and(...where));
  if ((counted?.count ?? 0) > TASK_BULK_LIMIT)
    throw new AppError(
      "BAD_REQUEST",
      `More than ${TASK_BULK_LIMIT.toLocaleString("en")} tasks match: narrow the filter and try again`,
      { field: "filter" },
    );
  if (also) where.push(also);
  return scope.db
    .select()
    .from(crmTask)
    .where(and(...where))
    .orderBy(crmTask.id)
    .for("update");
}

/** Applies `set` to the locked tasks; answers them as they are after. */
function updateTasks(scope: TenantScope, ids: string[], set: Partial<typeof crmTask.$inferInsert>) {
  return scope.db
    .update(crmTask)
    .set(set)
    .where(and(eq(crmTask.organizationId, scope.organizationId), inArray(crmTask.id, ids)))
    .returning();
}

/**
 * Marks the selected tasks done (or open again, `done: false`). Tasks already so are left alone,
 * so sending it twice changes nothing the second time. Reopened tasks get their reminder back
 * if it has not been sent.
 */
export async function bulkCompleteTasks(
  scope: TenantScope,
  input: z.output<typeof bulkCompleteTasksInput>,
) {
  const before = await lockSelection(
    scope,
    input,
    input.done ? isNull(crmTask.doneAt) : isNotNull(crmTask.doneAt),
  );
  if (before.length === 0) return { changed: 0 };
  const now = scope.now();
  const after = await updateTasks(
    scope,
    before.map((task) => task.id),
    { doneAt: input.done ? now : null, updatedAt: now },
  );
  const was = new Map(before.map((task) => [task.id, task]));
  await recordAndPublish(
    scope,
    input.done ? "task.completed" : "task.reopened",
    "task",
    after.map((task) => ({
      id: task.id,
      changes: changesBetween(was.get(task.id) ?? null, task, ["doneAt"]),
    })),
  );
  if (!input.done)
    for (const task of after) if (!task.remindedAt) await scheduleTaskReminder(scope, task);
  return { changed: after.length };
}

/** Gives the selected tasks to a member of the CRM's staff; tasks already theirs are left alone. */
export async function bulkAssignTasks(
  scope: TenantScope,
  input: z.output<typeof bulkAssignTasksInput>,
) {
  await assertAssigneeIsStaff(scope, input.assigneeMemberId);
  const before = await lockSelection(
    scope,
    input,
    sql`${crmTask.assigneeMemberId} is distinct from ${input.assigneeMemberId}::uuid`,
  );
  if (before.length === 0) return { changed: 0 };
  const after = await updateTasks(
    scope,
    before.map((task) => task.id),
    { assigneeMemberId: input.assigneeMemberId, updatedAt: scope.now() },
  );
  const was = new Map(before.map((task) => [task.id, task]));
  await recordAndPublish(
    scope,
    "task.updated",
    "task",
    after.map((task) => ({
      id: task.id,
      changes: changesBetween(was.get(task.id) ?? null, task, ["assigneeMemberId"]),
    })),
  );
  // The new assignee is told once, with how many (never oneself: notify leaves the actor out).
  if (input.assigneeMemberId && after.length > 0)
    await notify(scope, {
      kind: "task.bulk_assigned",
      target: { type: "member", id: input.assigneeMemberId },
      recipients: [input.assigneeMemberId],
      count: after.length,
    });
  return { changed: after.length };
}

/**
 * Soft-deletes the selected tasks. The ids come back for the Undo (task.bulkRestore); a task
 * deleted already is not matched again, so a repeat deletes nothing.
 */
export async function bulkDeleteTasks(scope: TenantScope, input: Selection) {
  const before = await lockSelection(scope, input);
  if (before.length === 0) return { ids: [] };
  const removed = await updateTasks(
    scope,
    before.map((task) => task.id),
    { deletedAt: scope.now() },
  );
  await recordAndPublish(scope, "task.deleted", "task", removed);
  return { ids: removed.map((task) => task.id) };
}

/**
 * Brings soft-deleted tasks back (a bulk delete's Undo), all or nothing, with their reminders if
 * still due.
 */
export async function bulkRestoreTasks(scope: TenantScope, input: z.output<typeof taskIdsInput>) {
  const ids = [...new Set(input.ids)];
  const restored = await scope.db
    .update(crmTask)
    .set({ deletedAt: null })
    .where(
      and(
        eq(crmTask.organizationId, scope.organizationId),
        inArray(crmTask.id, ids),
        isNotNull(crmTask.deletedAt),
      ),
    )
    .returning();
  if (restored.length !== ids.length)
    throw notFound(ids.length === 1 ? "Deleted task" : "Some of the deleted tasks");
  await recordAndPublish(scope, "task.restored", "task", restored);
  for (const task of restored)
    if (!task.doneAt && !task.remindedAt) await scheduleTaskReminder(scope, task);
  return { ids: restored.map((task) => task.id) };
}
