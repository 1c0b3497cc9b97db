import type { TaskListStatus, TaskSortField } from "@guild/api/schemas/task-constants";
import { FilterBar } from "../../components/data-table/filter-bar.tsx";
import { type SortChoice, SortSelect } from "../../components/data-table/sort-select.tsx";
import { selectClass } from "../../components/field.tsx";
import { type TaskListSearch, taskListSort } from "./task-list-search.ts";

const views: { status: TaskListStatus; label: string }[] = [
  { status: "open", label: "Open" },
  { status: "overdue", label: "Overdue" },
  { status: "done", label: "Done" },
  { status: "all", label: "All" },
];

/** One choice per sort the API offers, in the words of a to-do list. */
const sortChoices: SortChoice<TaskSortField>[] = [
  { sort: "dueAt", dir: "asc", label: "Due soonest first" },
  { sort: "dueAt", dir: "desc", label: "Due latest first" },
  { sort: "status", dir: "asc", label: "Open first" },
  { sort: "status", dir: "desc", label: "Done first" },
  { sort: "title", dir: "asc", label: "Title A–Z" },
  { sort: "title", dir: "desc", label: "Title Z–A" },
  { sort: "doneAt", dir: "desc", label: "Recently done" },
];

/**
 * The tasks table's filters, all in the URL: which tasks (open, overdue, done or all) as buttons
 * always in view, and whose and in what order (in a sheet on a phone).
 */
export function TaskFilters({
  search,
  onChange,
}: {
  search: TaskListSearch;
  onChange: (next: TaskListSearch) => void;
}) {
  const status = search.status ?? "open";
  const { sort, order } = taskListSort(search);
  const fields = (
    <>
      <div>
        <label htmlFor="task-assignee" className="block text-sm font-medium text-foreground">
          Whose tasks
        </label>
        <select
          id="task-assignee"
          className={`${selectClass} mt-1 sm:w-44`}
          value={search.assignee === "anyone" ? "anyone" : "me"}
          onChange={(event) =>
            onChange({
              ...search,
              assignee: event.target.value === "anyone" ? "anyone" : undefined,
            })
          }
        >
          <option value="me">Mine</option>
          <option value="anyone">Everyone's</option>
        </select>
      </div>
      <SortSelect
        id="task-sort"
        choices={sortChoices}
        sort={sort}
        dir={order}
        onChange={(next, dir) => onChange({ ...search, sort: next, dir })}
      />
    </>
  );
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <fieldset className="flex flex-wrap gap-1" aria-label="Show">
        {views.map((option) => (
          <label
            key={option.status}
            className={`cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset focus-within:ring-2 focus-within:ring-ring ${
              status === option.status
                ? "bg-primary text-primary-foreground ring-ring"
                : "bg-surface text-foreground ring-input hover:bg-subtle"
            }`}
          >
            <input
              type="radio"
              name="task-view"
              value={option.status}
              checked={status === option.status}
              // A view's own order: the one chosen for another view may not suit it (done first).
              onChange={() =>
                onChange({
                  ...search,
                  status: option.status === "open" ? undefined : option.status,
                  sort: undefined,
                  dir: undefined,
                })
              }
              className="sr-only"
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      <FilterBar
        fields={fields}
        chosen={search.assignee ? 1 : 0}
        sheetTitle="Filter and sort tasks"
        showLabel="Show tasks"
      />
    </div>
  );
}
