// Apart from task.ts and free of zod, like lead-constants.ts: the web's route tree validates
// ?status= and ?sort= with these, and the tasks table shows its columns and caps bulk selections
// with them; neither should download zod (~22 kB gz). task.ts re-exports them for the API.
export const taskStatuses = ["open", "overdue", "done"] as const;
export type TaskStatus = (typeof taskStatuses)[number];
/** A list's status filter: one of the statuses, or every task. */
export const taskListStatuses = [...taskStatuses, "all"] as const;
export type TaskListStatus = (typeof taskListStatuses)[number];
/** status: open ones first (overdue, being the earliest due), then done; each by due date. */
export const taskSortFields = ["dueAt", "status", "title", "doneAt"] as const;
export type TaskSortField = (typeof taskSortFields)[number];

/**
 * The most tasks one bulk action changes: a bigger set is refused with a request to narrow the
 * filter, so one request never holds thousands of row locks.
 */
export const TASK_BULK_LIMIT = 1000;

/** The columns of the tasks table a member may hide (the title always shows). */
export const taskTableColumns = ["status", "dueAt", "assignee", "lead"] as const;
export type TaskTableColumn = (typeof taskTableColumns)[number];
