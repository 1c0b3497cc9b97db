import type { TaskTableColumn } from "@guild/api/schemas/task-constants";
import { Link } from "@tanstack/react-router";
import type { ColumnDef } from "@tanstack/react-table";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { isOverdue } from "./due-time.ts";
import { type Task, useCompleteTask } from "./use-tasks.ts";

/** What a row's buttons ask the screen to do. */
export type TaskAction = { kind: "edit" | "delete"; task: Task };

/** The columns a person can hide, in the order the menu lists them (ids from the API's list). */
export const taskColumnLabels: Record<TaskTableColumn, string> = {
  status: "Status",
  dueAt: "Due",
  assignee: "Assignee",
  lead: "Lead",
};

/**
 * The done box, labelled by the task's title: ticking it marks the task done, unticking opens it
 * again. It shows the click at once (state set in the click's own event) until the save and the
 * lists' refetch have settled: a controlled box otherwise snaps back until the answer.
 */
function TaskDone({ task }: { task: Task }) {
  const complete = useCompleteTask();
  const [clicked, setClicked] = useState<boolean | null>(null);
  const done = clicked ?? Boolean(task.doneAt);
  const id = `task-${task.id}-done`;
  return (
    <div className="flex min-w-0 items-start gap-2">
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 size-4 shrink-0 rounded border-input text-accent-foreground focus:ring-ring"
        checked={done}
        disabled={complete.isPending}
        onChange={(event) => {
          setClicked(event.target.checked);
          complete.mutate(
            { id: task.id, done: event.target.checked },
            {
              onError: (error) => toast.error(`Could not save the task: ${errorMessage(error)}`),
              onSettled: () => setClicked(null),
            },
          );
        }}
      />
      <label
        htmlFor={id}
        className={`min-w-0 text-sm font-medium wrap-anywhere ${done ? "text-muted-foreground line-through" : "text-foreground"}`}
      >
        {task.title}
      </label>
    </div>
  );
}

function StatusText({ task }: { task: Task }) {
  if (task.doneAt) return <span className="text-muted-foreground">Done</span>;
  if (isOverdue(task)) return <span className="font-semibold text-danger">Overdue</span>;
  return <span className="text-foreground">Open</span>;
}

function Due({ task }: { task: Task }) {
  return (
    <time
      dateTime={task.dueAt.toISOString()}
      className={isOverdue(task) ? "text-danger" : undefined}
    >
      {formatDateTime(task.dueAt)}
    </time>
  );
}

function LeadLink({ slug, task }: { slug: string; task: Task }) {
  if (!task.leadId || !task.leadName) return <span className="text-muted-foreground">—</span>;
  return (
    <Link
      to="/o/$slug/leads/$leadId"
      params={{ slug, leadId: task.leadId }}
      className="text-accent-foreground hover:underline"
    >
      {task.leadName}
    </Link>
  );
}

const assigneeName = (task: Task, myMemberId: string) =>
  task.assigneeMemberId === myMemberId ? "You" : (task.assigneeName ?? "Unassigned");

function TaskButtons({ task, onAction }: { task: Task; onAction: (action: TaskAction) => void }) {
  return (
    <div className="flex shrink-0 justify-end gap-2">
      <Button variant="secondary" size="sm" onClick={() => onAction({ kind: "edit", task })}>
        Edit<span className="sr-only"> {task.title}</span>
      </Button>
      <Button variant="danger" size="sm" onClick={() => onAction({ kind: "delete", task })}>
        Delete<span className="sr-only"> {task.title}</span>
      </Button>
    </div>
  );
}

/**
 * The tasks table's columns. Their ids are the API's sort fields where the server sorts by them
 * (title, status, dueAt) and the names a hidden-columns preference stores.
 */
export function taskColumns(
  slug: string,
  myMemberId: string,
  onAction: (action: TaskAction) => void,
): ColumnDef<Task>[] {
  const column = (
    id: TaskTableColumn,
    definition: Omit<ColumnDef<Task>, "id" | "header">,
  ): ColumnDef<Task> => ({ id, header: taskColumnLabels[id], ...definition });
  return [
    {
      id: "title",
      header: "Task",
      enableHiding: false,
      enableSorting: true,
      meta: { firstSort: "asc", className: "min-w-[14rem]" },
      cell: ({ row }) => <TaskDone task={row.original} />,
    },
    column("status", {
      enableSorting: true,
      meta: { firstSort: "asc", className: "whitespace-nowrap" },
      cell: ({ row }) => <StatusText task={row.original} />,
    }),
    column("dueAt", {
      enableSorting: true,
      meta: { firstSort: "asc", className: "whitespace-nowrap" },
      cell: ({ row }) => <Due task={row.original} />,
    }),
    column("assignee", {
      meta: { className: "hidden text-foreground @3xl:table-cell" },
      cell: ({ row }) => assigneeName(row.original, myMemberId),
    }),
    column("lead", {
      meta: { className: "hidden max-w-[12rem] truncate @2xl:table-cell" },
      cell: ({ row }) => <LeadLink slug={slug} task={row.original} />,
    }),
    {
      id: "actions",
      header: "Actions",
      enableHiding: false,
      meta: { className: "text-right" },
      cell: ({ row }) => <TaskButtons task={row.original} onAction={onAction} />,
    },
  ];
}

/** A task on a phone: the done box and title, then due time, lead and assignee, and its notes. */
export function TaskCard({
  slug,
  myMemberId,
  task,
  hidden,
  onAction,
}: {
  slug: string;
  myMemberId: string;
  task: Task;
  hidden: readonly string[];
  onAction: (action: TaskAction) => void;
}) {
  const shows = (id: TaskTableColumn) => !hidden.includes(id);
  const overdue = isOverdue(task);
  return (
    <>
      <TaskDone task={task} />
      <p className="mt-1 text-xs text-muted-foreground">
        {overdue && <span className="mr-1 font-semibold text-danger">Overdue ·</span>}
        {shows("dueAt") && (
          <span className={overdue ? "text-danger" : undefined}>
            Due <Due task={task} />
          </span>
        )}
        {shows("lead") && task.leadId && task.leadName && (
          <>
            {" · "}
            <LeadLink slug={slug} task={task} />
          </>
        )}
        {shows("assignee") && <> · {assigneeName(task, myMemberId)}</>}
      </p>
      {task.notes && (
        <p className="mt-1 text-sm whitespace-pre-wrap wrap-anywhere text-foreground">
          {task.notes}
        </p>
      )}
      <div className="mt-2">
        <TaskButtons task={task} onAction={onAction} />
      </div>
    </>
  );
}
