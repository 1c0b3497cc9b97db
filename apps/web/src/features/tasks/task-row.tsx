import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { isOverdue } from "./due-time.ts";
import { TaskForm } from "./task-form.tsx";
import { type Task, useCompleteTask, useDeleteTask, useUpdateTask } from "./use-tasks.ts";

/**
 * One task in a list: a checkbox to mark it done (or open again), its due time (overdue ones in
 * red, said in words too), its lead or assignee, and edit and delete. Editing opens the form in
 * place of the row.
 */
export function TaskRow({ task, show }: { task: Task; show: "lead" | "assignee" }) {
  const { slug, membership } = useCurrentOrganization();
  const complete = useCompleteTask();
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const overdue = isOverdue(task);
  // The box shows the click at once (state set in the click's own event), until the save and the
  // lists' refetch have settled: a controlled box otherwise snaps back until the answer.
  const [clicked, setClicked] = useState<boolean | null>(null);
  const done = clicked ?? Boolean(task.doneAt);
  const checkboxId = `task-${task.id}-done`;

  if (editing)
    return (
      <li className="rounded-md border border-accent-border bg-accent/40 p-3">
        <TaskForm
          task={task}
          idPrefix={`task-${task.id}`}
          pending={update.isPending}
          serverError={update.error}
          submitLabel="Save task"
          onSubmit={({ leadId, ...input }) =>
            update.mutate(
              // The lead only when it changed: a task whose lead is in the trash shows none, and
              // saving it must not drop the link that restoring the lead brings back.
              { id: task.id, ...input, ...(leadId !== task.leadId ? { leadId } : {}) },
              { onSuccess: () => setEditing(false) },
            )
          }
          onCancel={() => {
            update.reset();
            setEditing(false);
          }}
        />
      </li>
    );

  return (
    <li
      className={`flex flex-wrap items-start gap-3 rounded-md border p-3 ${
        overdue ? "border-danger-border bg-danger-muted" : "border-border bg-surface"
      }`}
    >
      <input
        id={checkboxId}
        type="checkbox"
        className="mt-1 size-4 shrink-0 rounded border-input text-accent-foreground focus:ring-ring"
        checked={done}
        disabled={complete.isPending}
        onChange={(event) => {
          setClicked(event.target.checked);
          complete.mutate(
            { id: task.id, done: event.target.checked },
            { onSettled: () => setClicked(null) },
          );
        }}
      />
      <div className="min-w-0 flex-1 basis-48">
        <label
          htmlFor={checkboxId}
          className={`block text-sm font-medium wrap-anywhere ${
            done ? "text-muted-foreground line-through" : "text-foreground"
          }`}
        >
          {task.title}
        </label>
        <p className="mt-0.5 text-xs text-muted-foreground">
          {overdue && <span className="mr-1 font-semibold text-danger">Overdue ·</span>}
          <span className={overdue ? "text-danger" : undefined}>
            Due <time dateTime={task.dueAt.toISOString()}>{formatDateTime(task.dueAt)}</time>
          </span>
          {show === "lead" && task.leadId && task.leadName && (
            <>
              {" · "}
              <Link
                to="/o/$slug/leads/$leadId"
                params={{ slug, leadId: task.leadId }}
                className="text-accent-foreground hover:underline"
              >
                {task.leadName}
              </Link>
            </>
          )}
          {show === "assignee" && (
            <>
              {" · "}
              {task.assigneeMemberId === membership.memberId
                ? "You"
                : (task.assigneeName ?? "Unassigned")}
            </>
          )}
        </p>
        {task.notes && (
          <p className="mt-1 text-sm whitespace-pre-wrap wrap-anywhere text-foreground">
            {task.notes}
          </p>
        )}
        {complete.error && <FormAlert>{errorMessage(complete.error)}</FormAlert>}
      </div>
      <div className="flex shrink-0 gap-2">
        <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
          Edit<span className="sr-only"> {task.title}</span>
        </Button>
        <Button variant="danger" size="sm" onClick={() => setConfirmingDelete(true)}>
          Delete<span className="sr-only"> {task.title}</span>
        </Button>
      </div>
      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete the task "${task.title}"?`}
        confirmLabel="Delete task"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onClose={() => {
          setConfirmingDelete(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate({ id: task.id }, { onSuccess: () => setConfirmingDelete(false) })
        }
      >
        <p>Its reminder will not be sent.</p>
      </ConfirmDialog>
    </li>
  );
}
