// CRM tasks (schema/task.ts): a to-do for a member of the sales team, due at a time, optionally
// about a lead. Each open task with a future due time has one pending reminder job (key
// task.remind:<id>): moving the due time replaces it, and the job itself sends nothing for a task
// that is done, deleted, moved or already reminded, so completing or deleting needs no cleanup.
import {
  and,
  crmTask,
  eq,
  inArray,
  isNotNull,
  isNull,
  lead,
  live,
  lt,
  member,
  memberRoles,
  or,
  SOFT_DELETE_RETENTION_DAYS,
  type SQL,
  scheduleTaskReminder,
  sql,
  type TaskReminderJob,
  type TenantScope,
  user,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { hasCrmAccessByRole } from "../policies/lead.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  completeTaskInput,
  createTaskInput,
  listLeadTasksInput,
  listTasksInput,
  TaskCursor,
  TaskListCursor,
  TaskSortField,
  taskFilter,
  updateTaskInput,
} from "../schemas/task.ts";
import { changesBetween, recordActivity } from "./activity.ts";
import { actingMember } from "./member.ts";
import { notify } from "./notification.ts";

const target = (id: string) => ({ type: "task", id });

/**
 * A task as every read shows it: the assignee's name (null when unassigned or once they left)
 * and the linked lead's name, only while that lead is live (a soft-deleted lead's tasks show no
 * lead until it is restored).
 */
const taskColumns = {
  id: crmTask.id,
  title: crmTask.title,
  notes: crmTask.notes,
  dueAt: crmTask.dueAt,
  doneAt: crmTask.doneAt,
  assigneeMemberId: crmTask.assigneeMemberId,
  assigneeName: user.name,
  leadId: lead.id,
  leadName: lead.name,
  createdByMemberId: crmTask.createdByMemberId,
  createdAt: crmTask.createdAt,
  updatedAt: crmTask.updatedAt,
};

function selectTasks(scope: TenantScope, where: SQL[]) {
  return scope.db
    .select(taskColumns)
    .from(crmTask)
    .leftJoin(
      member,
      and(
        eq(member.organizationId, crmTask.organizationId),
        eq(member.id, crmTask.assigneeMemberId),
      ),
    )
    .leftJoin(user, eq(user.id, member.userId))
    .leftJoin(
      lead,
      and(eq(lead.organizationId, crmTask.organizationId), eq(lead.id, crmTask.leadId), live(lead)),
    )
    .where(and(eq(crmTask.organizationId, scope.organizationId), live(crmTask), ...where));
}

export type Task = Awaited<ReturnType<typeof selectTasks>>[number];

export async function getTask(scope: TenantScope, id: string): Promise<Task> {
  const [row] = await selectTasks(scope, [eq(crmTask.id, id)]);
  if (!row) throw notFound("Task");
  return row;
}

/** The roles that work the CRM by right; others need the CRM access grant. */
const crmRoles = memberRoles.filter(hasCrmAccessByRole);

/** Tasks go to the CRM's staff: a member of this organization with CRM access. */
export async function assertAssigneeIsStaff(scope: TenantScope, memberId: string) {
  const [found] = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(
      and(
        eq(member.organizationId, scope.organizationId),
        eq(member.id, memberId),
        or(inArray(member.role, crmRoles), eq(member.crmAccess, true)),
      ),
    );
  if (!found)
    throw new AppError("BAD_REQUEST", "The assignee must be a member with CRM access", {
      field: "assigneeMemberId",
    });
}

/** A task links only to a live lead of this organization; any other id is "not found". */
async function assertLiveLead(scope: TenantScope, leadId: string) {
  const [found] = await scope.db
    .select({ id: lead.id })
    .from(lead)
    .where(and(eq(lead.organizationId, scope.organizationId), eq(lead.id, leadId), live(lead)));
  if (!found) throw notFound("Lead");
}

/** The fields the activity log follows. */
const trackedFields = ["title", "notes", "dueAt", "assigneeMemberId", "leadId", "doneAt"] as const;

export async function createTask(scope: TenantScope, input: z.output<typeof createTaskInput>) {
  const me = actingMember(scope);
  const assigneeMemberId = input.assigneeMemberId ?? me.memberId;
  await assertAssigneeIsStaff(scope, assigneeMemberId);
  if (input.leadId) await assertLiveLead(scope, input.leadId);
  const now = scope.now();
  const [row] = await scope.db
    .insert(crmTask)
    .values({
      organizationId: scope.organizationId,
      title: input.title,
      notes: input.notes ?? null,
      dueAt: input.dueAt,
      assigneeMemberId,
      leadId: input.leadId ?? null,
      createdByMemberId: me.memberId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  await recordActivity(scope, {
    action: "task.created",
    target: target(row.id),
    changes: changesBetween(null, row, trackedFields),
  });
  await scheduleTaskReminder(scope, row);
  // Given to someone else: they are told (notify never tells the actor).
  await notify(scope, {
    kind: "task.assigned",
    target: target(row.id),
    recipients: [assigneeMemberId],
  });
  await publish(scope, { kind: "task.created", target: target(row.id) });
  return getTask(scope, row.id);
}

/** The live task, locked for this transaction's update, as it was before. */
async function lockTask(scope: TenantScope, id: string) {
  const [before] = await scope.db
    .select()
    .from(crmTask)
    .where(and(eq(crmTask.organizationId, scope.organizationId), eq(crmTask.id, id), live(crmTask)))
    .for("update");
  if (!before) throw notFound("Task");
  return before;
}

export async function updateTask(
  scope: TenantScope,
  { id, ...changes }: z.output<typeof updateTaskInput>,
) {
  const before = await lockTask(scope, id);
  if (changes.assigneeMemberId && changes.assigneeMemberId !== before.assigneeMemberId)
    await assertAssigneeIsStaff(scope, changes.assigneeMemberId);
  if (changes.leadId && changes.leadId !== before.leadId)
    await assertLiveLead(scope, changes.leadId);
  const moved = changes.dueAt !== undefined && changes.dueAt.getTime() !== before.dueAt.getTime();
  const [after] = await scope.db
    .update(crmTask)
    .set({
      ...changes,
      // A new due time gets its own reminder.
      ...(moved ? { remindedAt: null } : {}),
      updatedAt: scope.now(),
    })
    .where(and(eq(crmTask.organizationId, scope.organizationId), eq(crmTask.id, id)))
    .returning();
  if (!after) throw notFound("Task");
  await recordActivity(scope, {
    action: "task.updated",
    target: target(id),
    changes: changesBetween(before, after, trackedFields),
  });
  if (moved && !after.doneAt) await scheduleTaskReminder(scope, after);
  if (after.assigneeMemberId && after.assigneeMemberId !== before.assigneeMemberId)
    await notify(scope, {
      kind: "task.assigned",
      target: target(id),
      recipients: [after.assigneeMemberId],
    });
  await publish(scope, { kind: "task.updated", target: target(id) });
  return getTask(scope, id);
}

/** Marks a task done, or open again (done: false). Doing either twice changes nothing more. */
export async function completeTask(scope: TenantScope, input: z.output<typeof completeTaskInput>) {
  const before = await lockTask(scope, input.id);
  if (Boolean(before.doneAt) === input.done) return getTask(scope, input.id);
  const [after] = await scope.db
    .update(crmTask)
    .set({ doneAt: input.done ? scope.now() : null, updatedAt: scope.now() })
    .where(and(eq(crmTask.organizationId, scope.organizationId), eq(crmTask.id, input.id)))
    .returning();
  if (!after) throw notFound("Task");
  await recordActivity(scope, {
    action: input.done ? "task.completed" : "task.reopened",
    target: target(input.id),
    changes: changesBetween(before, after, ["doneAt"]),
  });
  // Reopened before its due time: the reminder is still wanted (the pending job may already
  // have run and found the task done).
  if (!input.done && !after.remindedAt) await scheduleTaskReminder(scope, after);
  await publish(scope, {
    kind: input.done ? "task.completed" : "task.reopened",
    target: target(input.id),
  });
  return getTask(scope, input.id);
}

/** Soft-deletes a task (restoreTask is the web's Undo); its reminder finds it gone. */
export async function deleteTask(scope: TenantScope, input: { id: string }) {
  const [removed] = await scope.db
    .update(crmTask)
    .set({ deletedAt: scope.now() })
    .where(
      and(
        eq(crmTask.organizationId, scope.organizationId),
        eq(crmTask.id, input.id),
        live(crmTask),
      ),
    )
    .returning({ id: crmTask.id });
  if (!removed) throw notFound("Task");
  await recordActivity(scope, { action: "task.deleted", target: target(removed.id) });
  await publish(scope, { kind: "task.deleted", target: target(removed.id) });
  return { id: removed.id };
}

/** Brings a soft-deleted task back within the retention window, with its reminder if still due. */
export async function restoreTask(scope: TenantScope, input: { id: string }) {
  const [restored] = await scope.db
    .update(crmTask)
    .set({ deletedAt: null })
    .where(
      and(
        eq(crmTask.organizationId, scope.organizationId),
        eq(crmTask.id, input.id),
        isNotNull(crmTask.deletedAt),
      ),
    )
    .returning();
  if (!restored) throw notFound("Deleted task");
  await recordActivity(scope, { action: "task.restored", target: target(restored.id) });
  if (!restored.doneAt && !restored.remindedAt) await scheduleTaskReminder(scope, restored);
  await publish(scope, { kind: "task.restored", target: target(restored.id) });
  return getTask(scope, restored.id);
}

/** Deletes for good the tasks soft-deleted longer ago than the retention window. */
export async function purgeDeletedTasks(scope: TenantScope) {
  const before = new Date(scope.now().getTime() - SOFT_DELETE_RETENTION_DAYS * 86_400_000);
  await scope.db
    .delete(crmTask)
    .where(and(eq(crmTask.organizationId, scope.organizationId), lt(crmTask.deletedAt, before)));
}

const iso = (date: Date) => sql`${date.toISOString()}::timestamptz`;

function page(rows: Task[], limit: number, at: (task: Task) => Date | null) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const lastAt = last ? at(last) : null;
  const nextCursor: TaskCursor | null =
    rows.length > limit && last && lastAt ? { at: lastAt, id: last.id } : null;
  return { items, nextCursor };
}

/**
 * The conditions of a task filter, beyond the organization and liveness every read adds: whose
 * tasks (the caller's by default, or everyone's) and which status. The list, the count and the
 * bulk actions share them, so what the table says matches is what an action changes.
 */
export function taskFilterConditions(
  scope: TenantScope,
  filter: z.output<typeof taskFilter>,
): SQL[] {
  const where: SQL[] = [];
  if (!filter.everyone)
    where.push(
      eq(crmTask.assigneeMemberId, filter.assigneeMemberId ?? actingMember(scope).memberId),
    );
  if (filter.status === "done") where.push(isNotNull(crmTask.doneAt));
  else if (filter.status !== "all") where.push(isNull(crmTask.doneAt));
  if (filter.status === "overdue") where.push(lt(crmTask.dueAt, scope.now()));
  return where;
}

/** Times to the millisecond: a cursor carries a JavaScript time and must equal its row's. */
const ms = (column: typeof crmTask.dueAt | typeof crmTask.doneAt) =>
  sql`date_trunc('milliseconds', ${column})`;

/**
 * Each sort's keys, how a cursor's text becomes each key again, and a row's keys as text. Status
 * puts open tasks (overdue ones, due earliest, first) before done ones, each by due time.
 */
const taskSorts: Record<
  TaskSortField,
  { keys: SQL[]; casts: string[]; of: (task: Task) => string[] }
> = {
  dueAt: { keys: [ms(crmTask.dueAt)], casts: ["timestamptz"], of: (t) => [t.dueAt.toISOString()] },
  doneAt: {
    keys: [sql`coalesce(${ms(crmTask.doneAt)}, '-infinity'::timestamptz)`],
    casts: ["timestamptz"],
    of: (t) => [t.doneAt?.toISOString() ?? "-infinity"],
  },
  status: {
    keys: [sql`(${crmTask.doneAt} is not null)::int`, ms(crmTask.dueAt)],
    casts: ["int", "timestamptz"],
    of: (t) => [t.doneAt ? "1" : "0", t.dueAt.toISOString()],
  },
  title: {
    keys: [sql`lower(${crmTask.title})`],
    casts: ["text"],
    of: (t) => [t.title.toLowerCase()],
  },
};

/**
 * Tasks of a filter (the caller's open ones by default), keyset-paginated in the chosen order:
 * by default open and overdue ones by due time, soonest first, done ones most recently done first.
 */
export async function listTasks(scope: TenantScope, input: z.output<typeof listTasksInput>) {
  const where = taskFilterConditions(scope, input);
  const sort = input.sort ?? (input.status === "done" ? "doneAt" : "dueAt");
  const desc = (input.order ?? (sort === "doneAt" ? "desc" : "asc")) === "desc";
  const { keys, casts, of } = taskSorts[sort];
  const { cursor } = input;
  if (cursor) {
    if (cursor.keys.length !== keys.length)
      throw new AppError("BAD_REQUEST", "The cursor does not match the sort order", {
        field: "cursor",
      });
    const after = cursor.keys.map((value, i) => sql`${value}::${sql.raw(casts[i] ?? "text")}`);
    where.push(
      sql`(${sql.join(keys, sql`, `)}, ${crmTask.id}) ${sql.raw(desc ? "<" : ">")} (${sql.join(after, sql`, `)}, ${cursor.id}::uuid)`,
    );
  }
  const direction = sql.raw(desc ? "desc" : "asc");
  const rows = await selectTasks(scope, where)
    .orderBy(...[...keys, sql`${crmTask.id}`].map((key) => sql`${key} ${direction}`))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor: TaskListCursor | null =
    rows.length > input.limit && last ? { keys: of(last), id: last.id } : null;
  return { items, nextCursor };
}

/** How many live tasks the filter matches (the table's total and "select all N matching"). */
export async function countTasks(scope: TenantScope, filter: z.output<typeof taskFilter>) {
  const [row] = await scope.db
    .select({ total: sql<number>`count(*)::int` })
    .from(crmTask)
    .where(
      and(
        eq(crmTask.organizationId, scope.organizationId),
        live(crmTask),
        ...taskFilterConditions(scope, filter),
      ),
    );
  return { total: row?.total ?? 0 };
}

/** A live lead's tasks, done ones included, by due time (keyset). */
export async function listLeadTasks(
  scope: TenantScope,
  input: z.output<typeof listLeadTasksInput>,
) {
  await assertLiveLead(scope, input.leadId);
  const where: SQL[] = [eq(crmTask.leadId, input.leadId)];
  const { cursor } = input;
  if (cursor)
    where.push(sql`(${crmTask.dueAt}, ${crmTask.id}) > (${iso(cursor.at)}, ${cursor.id}::uuid)`);
  const rows = await selectTasks(scope, where)
    .orderBy(sql`${crmTask.dueAt} asc`, sql`${crmTask.id} asc`)
    .limit(input.limit + 1);
  return page(rows, input.limit, (task) => task.dueAt);
}

/**
 * The reminder job's work, in one system transaction: claims the reminder (remindedAt) only for
 * a live, open task still due at the time the job was scheduled for and due by now, and tells
 * the assignee (notify: their preferences pick the app and/or mail). A second run, a task done,
 * deleted, moved or unassigned meanwhile: nothing.
 */
export async function remindTask(scope: TenantScope, job: TaskReminderJob) {
  const now = scope.now();
  const [claimed] = await scope.db
    .update(crmTask)
    .set({ remindedAt: now, updatedAt: sql`${crmTask.updatedAt}` })
    .where(
      and(
        eq(crmTask.organizationId, scope.organizationId),
        eq(crmTask.id, job.taskId),
        live(crmTask),
        isNull(crmTask.doneAt),
        isNull(crmTask.remindedAt),
        isNotNull(crmTask.assigneeMemberId),
        eq(crmTask.dueAt, new Date(job.dueAt)),
        sql`${crmTask.dueAt} <= ${iso(now)}`,
      ),
    )
    .returning({ id: crmTask.id, assigneeMemberId: crmTask.assigneeMemberId });
  if (!claimed) return false;
  await notify(scope, {
    kind: "task.due",
    target: target(claimed.id),
    recipients: [claimed.assigneeMemberId],
  });
  return true;
}
