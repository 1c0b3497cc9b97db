import { useEffect, useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { useShortcut } from "../shell/shortcuts.tsx";
import { TaskForm } from "./task-form.tsx";
import { TaskRow } from "./task-row.tsx";
import { useCreateTask, useTaskList } from "./use-tasks.ts";

const views = [
  { status: "open", label: "Open" },
  { status: "overdue", label: "Overdue" },
  { status: "done", label: "Done" },
] as const;
type View = (typeof views)[number]["status"];

const emptyText: Record<View, { title: string; text: string }> = {
  open: {
    title: "No open tasks",
    text: "Add a task, here or on a lead's page, to plan your next step.",
  },
  overdue: { title: "Nothing overdue", text: "Every open task is still ahead of its due time." },
  done: { title: "No tasks done yet", text: "Tick a task's box when it is done: it moves here." },
};

/** "My tasks": the member's own tasks, open ones by due date with the overdue ones in red. */
export function TasksScreen({
  openNew = false,
  onOpenedNew,
}: {
  /** Arrived asking for the new-task form (?new): it opens, and the address forgets it. */
  openNew?: boolean;
  onOpenedNew?: () => void;
}) {
  const [view, setView] = useState<View>("open");
  const [adding, setAdding] = useState(openNew);
  const create = useCreateTask();
  const startAdding = () => {
    create.reset();
    setAdding(true);
    // After the form has rendered: its first field takes the typing.
    requestAnimationFrame(() => document.getElementById("new-task-title")?.focus());
  };
  useShortcut("c", "New task", startAdding);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a one-off on arrival with ?new
  useEffect(() => {
    if (!openNew) return;
    startAdding();
    onOpenedNew?.();
  }, [openNew]);
  const list = useTaskList({ status: view, limit: 25 });
  const tasks = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="My tasks"
        description="Your to-dos across the CRM. You get a reminder when one is due."
        actions={!adding && <Button onClick={startAdding}>New task</Button>}
      />
      <div className="space-y-6">
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
        <fieldset className="flex flex-wrap gap-1" aria-label="Show">
          {views.map((option) => (
            <label
              key={option.status}
              className={`cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset focus-within:ring-2 focus-within:ring-ring ${
                view === option.status
                  ? "bg-primary text-primary-foreground ring-ring"
                  : "bg-surface text-foreground ring-input hover:bg-subtle"
              }`}
            >
              <input
                type="radio"
                name="task-view"
                value={option.status}
                checked={view === option.status}
                onChange={() => setView(option.status)}
                className="sr-only"
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        {list.isPending ? (
          <LoadingState label="Loading your tasks…" />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : tasks.length === 0 ? (
          <EmptyState title={emptyText[view].title}>{emptyText[view].text}</EmptyState>
        ) : (
          <>
            <ul aria-label="Tasks" className="space-y-2">
              {tasks.map((task) => (
                <TaskRow key={task.id} task={task} show="lead" />
              ))}
            </ul>
            {list.hasNextPage && (
              <Button
                variant="secondary"
                pending={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                Show more
              </Button>
            )}
          </>
        )}
      </div>
    </>
  );
}
