// A CRM task's reminder job (crm_task), scheduled for its due time. It lives here, next to the
// table, rather than with the api's other jobs because two packages schedule it: the api's task
// service, and the demo seed, which cannot import the api. One function keeps the job's name,
// payload and key alike for both. The handler that sends the reminder is the api's
// (jobs/task.ts, services/task.ts remindTask).
import type { TenantScope } from "./scope.ts";

/** What the reminder job gets: the task, and the due time it was scheduled for. */
export interface TaskReminderJob {
  taskId: string;
  /** ISO time; a task since moved to another time is reminded by that time's job instead. */
  dueAt: string;
}

declare module "./scope.ts" {
  interface JobPayloads {
    "task.remind": TaskReminderJob;
  }
}

/**
 * Schedules the reminder for the task's due time, replacing any pending one (same job key). A
 * task created or moved into the past gets none: its assignee is looking at it right now.
 */
export async function scheduleTaskReminder(
  scope: TenantScope,
  task: { id: string; dueAt: Date },
): Promise<void> {
  if (task.dueAt.getTime() <= scope.now().getTime()) return;
  await scope.enqueue(
    "task.remind",
    { taskId: task.id, dueAt: task.dueAt.toISOString() },
    { runAt: task.dueAt, jobKey: `task.remind:${task.id}`, jobKeyMode: "replace" },
  );
}
