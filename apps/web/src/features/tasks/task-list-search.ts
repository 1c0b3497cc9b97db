import type { RouterInputs } from "@guild/api";
import {
  type TaskListStatus,
  type TaskSortField,
  taskListStatuses,
  taskSortFields,
} from "@guild/api/schemas/task-constants";
import {
  isUuid,
  optionalBoolean,
  optionalOneOf,
  type SearchInput,
} from "../../lib/search-params.ts";

export interface TaskListSearch {
  /** Arrived asking for the new-task form (the palette's "New task"). */
  new?: boolean | undefined;
  /** open (the default), overdue, done or all. */
  status?: TaskListStatus | undefined;
  /** Whose tasks: the caller's (absent), everyone's ("anyone") or one member's (their id). */
  assignee?: string | undefined;
  sort?: TaskSortField | undefined;
  dir?: "asc" | "desc" | undefined;
}

/**
 * The tasks table's state lives in the URL (?status=&assignee=&sort=&dir=), so a list can be
 * bookmarked and shared. Bad values are dropped rather than failing the page.
 */
export function taskListSearch(search: SearchInput): TaskListSearch {
  return {
    new: optionalBoolean(search.new),
    status: optionalOneOf(taskListStatuses, search.status),
    assignee: search.assignee === "anyone" || isUuid(search.assignee) ? search.assignee : undefined,
    sort: optionalOneOf(taskSortFields, search.sort),
    dir: optionalOneOf(["asc", "desc"], search.dir),
  };
}

export type TaskFilter = RouterInputs["task"]["count"];
export type TaskListInput = Omit<RouterInputs["task"]["list"], "cursor">;

/** The filter the URL names, as task.count and the bulk actions take it. */
export function taskListFilter(search: TaskListSearch): TaskFilter {
  return {
    status: search.status ?? "open",
    ...(search.assignee === "anyone"
      ? { everyone: true }
      : search.assignee
        ? { assigneeMemberId: search.assignee }
        : {}),
  };
}

/** The order the URL names: due date (soonest first), or for done tasks the latest done first. */
export function taskListSort(search: TaskListSearch) {
  const sort: TaskSortField = search.sort ?? (search.status === "done" ? "doneAt" : "dueAt");
  const order = search.dir ?? (sort === "doneAt" ? "desc" : "asc");
  return { sort, order };
}

export function taskListInput(search: TaskListSearch): TaskListInput {
  return { ...taskListFilter(search), ...taskListSort(search), limit: 25 };
}
