// Apart from task.ts and free of zod: the web's route tree validates ?status= and ?sort= with
// it, and the route tree loads before every screen, sign-in included, which should not load zod.
export const taskStatuses = ["open", "overdue", "done"] as const;
export type TaskStatus = (typeof taskStatuses)[number];
/** A list's status filter: one of the statuses, or every task. */
export const taskListStatuses = [...taskStatuses, "all"] as const;
export type TaskListStatus = (typeof taskListStatuses)[number];
/** status: open ones first (overdue, being the earliest due), then done; each by due date. */
export const taskSortFields = ["dueAt", "status", "title", "doneAt"] as const;
export type TaskSortField = (typeof taskSortFields)[number];
