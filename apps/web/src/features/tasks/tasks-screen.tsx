import { taskSortFields, taskTableColumns } from "@guild/api/schemas/task-constants";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ColumnsMenu } from "../../components/data-table/columns-menu.tsx";
import { DataTable } from "../../components/data-table/data-table.tsx";
import { SelectionBar } from "../../components/data-table/selection-bar.tsx";
import { useRowSelection } from "../../components/data-table/use-row-selection.ts";
import { LoadOnScroll } from "../../components/load-on-scroll.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useHiddenColumns } from "../data-table/use-table-preference.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useShortcut } from "../shell/shortcuts.tsx";
import { isOverdue } from "./due-time.ts";
import { TaskBulkActions } from "./task-bulk-actions.tsx";
import { type TaskAction, TaskCard, taskColumnLabels, taskColumns } from "./task-columns.tsx";
import { TaskFilters } from "./task-filters.tsx";
import { TaskForm } from "./task-form.tsx";
import {
  type TaskListSearch,
  taskListFilter,
  taskListInput,
  taskListSort,
} from "./task-list-search.ts";
import {
  type Task,
  useCreateTask,
  useDeletedTasksToast,
  useDeleteTask,
  useTaskCount,
  useTaskList,
  useUpdateTask,
} from "./use-tasks.ts";

const emptyText = {
  open: {
    title: "No open tasks",
    text: "Add a task, here or on a lead's page, to plan your next step.",
  },
  overdue: { title: "Nothing overdue", text: "Every open task is still ahead of its due time." },
  done: { title: "No tasks done yet", text: "Tick a task's box when it is done: it moves here." },
  all: {
    title: "No tasks yet",
    text: "Add a task, here or on a lead's page, to plan your next step.",
  },
} as const;

const sortWords = {
  dueAt: "due date",
  status: "status",
  title: "title",
  doneAt: "completion",
} as const;

/**
 * "My tasks" (or everyone's): the tasks of a filter in the shared data table, open ones by due
 * date with the overdue ones in red, with bulk complete, reopen, reassign and delete (Undo).
 */
export function TasksScreen({
  search,
  onSearchChange,
}: {
  search: TaskListSearch;
  onSearchChange: (next: TaskListSearch) => void;
}) {
  const { slug, membership } = useCurrentOrganization();
  const [adding, setAdding] = useState(search.new === true);
  const [editing, setEditing] = useState<Task | null>(null);
  const [deleting, setDeleting] = useState<Task | null>(null);
  const create = useCreateTask();
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const announceDeleted = useDeletedTasksToast();
  const startAdding = () => {
    create.reset();
    setEditing(null);
    setAdding(true);
    // After the form has rendered: its first field takes the typing.
    requestAnimationFrame(() => document.getElementById("new-task-title")?.focus());
  };
  useShortcut("c", "New task", startAdding);
  const results = useRef<HTMLElement>(null);
  useShortcut("j", "Go to the task rows (then j/k move, Enter edits, x selects)", () =>
    results.current?.querySelector<HTMLElement>('[data-row-index][tabindex="0"]')?.focus(),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a one-off on arrival with ?new
  useEffect(() => {
    if (!search.new) return;
    startAdding();
    onSearchChange({ ...search, new: undefined });
  }, [search.new]);

  const filter = taskListFilter(search);
  const order = taskListSort(search);
  const list = useTaskList(taskListInput(search));
  const count = useTaskCount(filter);
  const columnChoice = useHiddenColumns("tasks");
  const hidden = columnChoice.hidden;
  const tasks = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const loadedIds = useMemo(() => tasks.map((task) => task.id), [tasks]);
  const selection = useRowSelection(loadedIds, JSON.stringify(filter));
  const onAction = useCallback((action: TaskAction) => {
    if (action.kind === "delete") return setDeleting(action.task);
    setAdding(false);
    setEditing(action.task);
    requestAnimationFrame(() => document.getElementById("edit-task-title")?.focus());
  }, []);
  const columns = useMemo(
    () => taskColumns(slug, membership.memberId, onAction),
    [slug, membership.memberId, onAction],
  );
  const renderCard = useCallback(
    (task: Task) => (
      <TaskCard
        slug={slug}
        myMemberId={membership.memberId}
        task={task}
        hidden={hidden}
        onAction={onAction}
      />
    ),
    [slug, membership.memberId, hidden, onAction],
  );
  const [deletedAt, setDeletedAt] = useState(0);
  useEffect(() => {
    if (!deletedAt) return;
    // A frame after the confirmation closed: it keeps the page inert until then.
    const frame = requestAnimationFrame(() => results.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [deletedAt]);
  const status = search.status ?? "open";
  const total = count.data?.total ?? tasks.length;
  const everyone = search.assignee === "anyone";

  return (
    <>
      <PageHeader
        title={everyone ? "Everyone's tasks" : "My tasks"}
        description={
          everyone
            ? "The to-dos of the whole sales team."
            : "Your to-dos across the CRM. You get a reminder when one is due."
        }
        actions={!adding && <Button onClick={startAdding}>New task</Button>}
      />
      <div className="space-y-4">
        {adding && (
          <Card title="New task">
            <TaskForm
              idPrefix="new-task"
              pending={create.isPending}
              serverError={create.error}
              submitLabel="Add task"
              onSubmit={(input) => create.mutate(input, { onSuccess: () => setAdding(false) })}
              onCancel={() => setAdding(false)}
            />
          </Card>
        )}
        {editing && (
          <Card title="Edit task">
            <TaskForm
              key={editing.id}
              task={editing}
              idPrefix="edit-task"
              pending={update.isPending}
              serverError={update.error}
              submitLabel="Save task"
              onSubmit={({ leadId, ...input }) =>
                update.mutate(
                  // The lead only when it changed: a task whose lead is in the trash shows none,
                  // and saving it must not drop the link that restoring the lead brings back.
                  { id: editing.id, ...input, ...(leadId !== editing.leadId ? { leadId } : {}) },
                  { onSuccess: () => setEditing(null) },
                )
              }
              onCancel={() => {
                update.reset();
                setEditing(null);
              }}
            />
          </Card>
        )}
        <TaskFilters search={search} onChange={onSearchChange} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {count.data
              ? `${count.data.total.toLocaleString("en")} ${count.data.total === 1 ? "task" : "tasks"}`
              : "\u00a0"}
          </p>
          <ColumnsMenu
            columns={taskTableColumns.map((id) => ({ id, label: taskColumnLabels[id] }))}
            hidden={hidden}
            onChange={columnChoice.setHidden}
          />
        </div>
        <SelectionBar
          selection={selection}
          loaded={tasks.length}
          total={total}
          capped={false}
          noun={(n) => (n === 1 ? "task" : "tasks")}
        >
          <TaskBulkActions
            filter={filter}
            selection={selection}
            total={total}
            onDeleted={() => setDeletedAt(Date.now())}
          />
        </SelectionBar>
        <section ref={results} tabIndex={-1} aria-label="Task list" className="outline-none">
          {list.isPending || !columnChoice.settled ? (
            <LoadingState label="Loading tasks…" />
          ) : list.error && !list.data ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : tasks.length === 0 ? (
            <EmptyState title={emptyText[status].title}>{emptyText[status].text}</EmptyState>
          ) : (
            <DataTable
              label={`Tasks, sorted by ${sortWords[order.sort]}, ${order.order === "desc" ? "descending" : "ascending"}`}
              rows={tasks}
              columns={columns}
              rowId={taskId}
              rowName={taskTitle}
              hiddenColumns={hidden}
              sort={{ column: order.sort, desc: order.order === "desc" }}
              onSortChange={(next) => {
                const field = taskSortFields.find((f) => f === next.column);
                if (field)
                  onSearchChange({ ...search, sort: field, dir: next.desc ? "desc" : "asc" });
              }}
              selection={selection}
              onOpen={(task) => onAction({ kind: "edit", task })}
              renderCard={renderCard}
              rowTone={overdueTone}
              updating={list.isPlaceholderData}
            />
          )}
        </section>
        {list.hasNextPage && !list.isPlaceholderData && (
          <LoadOnScroll
            loading={list.isFetchingNextPage}
            error={list.isFetchNextPageError}
            noun="tasks"
            onLoadMore={() => void list.fetchNextPage()}
          />
        )}
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the task "${deleting?.title ?? ""}"?`}
        confirmLabel="Delete task"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => {
          if (!deleting) return;
          const { id, title } = deleting;
          remove.mutate(
            { id },
            {
              onSuccess: () => {
                setDeleting(null);
                announceDeleted([id], `the task "${title}"`);
                setDeletedAt(Date.now());
              },
            },
          );
        }}
      >
        <p>Its reminder will not be sent. You can undo it right after.</p>
      </ConfirmDialog>
    </>
  );
}

const taskId = (task: Task) => task.id;
const taskTitle = (task: Task) => task.title;
const overdueTone = (task: Task) => (isOverdue(task) ? ("danger" as const) : undefined);
