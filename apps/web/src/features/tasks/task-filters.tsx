import type { TaskListStatus } from "@guild/api/schemas/task-sort";
import { FilterBar } from "../../components/data-table/filter-bar.tsx";
import { selectClass } from "../../components/field.tsx";
import { type TaskListSearch, taskListSort } from "./task-list-search.ts";

const views: { status: TaskListStatus; label: string }[] = [
  { status: "open", label: "Open" },
  { status: "overdue", label: "Overdue" },
  { status: "done", label: "Done" },
  { status: "all", label: "All" },
];

/** One choice per sort the API offers, in the words of a to-do list. */
const sortChoices = [
  { value: "dueAt:asc", label: "Due soonest first" },
  { value: "dueAt:desc", label: "Due latest first" },
  { value: "status:asc", label: "Open first" },
  { value: "status:desc", label: "Done first" },
  { value: "title:asc", label: "Title A–Z" },
  { value: "title:desc", label: "Title Z–A" },
  { value: "doneAt:desc", label: "Recently done" },
] as const;

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
  const sortValue = `${sort}:${order}`;
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
      <div>
        <label htmlFor="task-sort" className="block text-sm font-medium text-foreground">
          Sort by
        </label>
        <select
          id="task-sort"
          className={`${selectClass} mt-1 sm:w-44`}
          value={sortChoices.some((c) => c.value === sortValue) ? sortValue : ""}
          onChange={(event) => {
            const choice = sortChoices.find((c) => c.value === event.target.value);
            if (!choice) return;
            const [field, dir] = choice.value.split(":");
            onChange({
              ...search,
              sort:
                field === "dueAt" || field === "status" || field === "title" || field === "doneAt"
                  ? field
                  : undefined,
              dir: dir === "desc" ? "desc" : "asc",
            });
          }}
        >
          {!sortChoices.some((c) => c.value === sortValue) && <option value="">—</option>}
          {sortChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
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
