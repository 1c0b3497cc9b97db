import { and, crmTask, eq, inArray, live, type TenantScope } from "@guild/db";
import { hasCrmAccess } from "../policies/lead.ts";
import { crmBulkAssigned } from "./crm-summary.ts";
import { notificationKind } from "./define.ts";

/** The live tasks of these ids by title, linked to My tasks, for the CRM's staff only. */
async function describeTasks(scope: TenantScope, targetIds: string[]) {
  // Tasks are the CRM's (policies/lead.ts): an assignee who lost CRM access reads none.
  if (scope.actor.kind === "member" && !hasCrmAccess(scope.actor)) return new Map();
  const rows = await scope.db
    .select({ id: crmTask.id, title: crmTask.title })
    .from(crmTask)
    .where(
      and(
        eq(crmTask.organizationId, scope.organizationId),
        inArray(crmTask.id, targetIds),
        live(crmTask),
      ),
    );
  return new Map(rows.map((row) => [row.id, { name: row.title, path: "/tasks" }]));
}

/** A member got a task from someone else (task.create or task.update giving it to them). */
export const taskAssigned = notificationKind({
  kind: "task.assigned",
  label: "A task is assigned to you",
  defaults: { inApp: true, mail: true },
  describe: describeTasks,
  text: ({ actorName, target }) =>
    `${actorName ?? "Someone"} assigned you ${target ? `the task ${target.name}` : "a task that is no longer available"}`,
});

/** A task assigned to the member is due (the reminder job, at the task's due time). */
export const taskDue = notificationKind({
  kind: "task.due",
  label: "A task of yours is due",
  defaults: { inApp: true, mail: true },
  describe: describeTasks,
  text: ({ target }) =>
    target ? `Task due: ${target.name}` : "A task of yours was due; it is no longer available",
});

/**
 * Tasks given to a member in one bulk action (task.bulkAssign) by someone else: one summary per
 * action. Its target is the new assignee (a member), and its link their tasks ("My tasks").
 */
export const tasksBulkAssigned = crmBulkAssigned({
  kind: "task.bulk_assigned",
  label: "Tasks are assigned to you in bulk",
  noun: ["task", "tasks"],
  path: () => "/tasks",
});
