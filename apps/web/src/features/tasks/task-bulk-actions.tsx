import { TASK_BULK_LIMIT } from "@guild/api/schemas/task-constants";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import type { RowSelectionState } from "../../components/data-table/use-row-selection.ts";
import { errorMessage } from "../../lib/errors.ts";
import { MemberPicker } from "../members/member-picker.tsx";
import {
  type TaskFilter,
  useBulkAssignTasks,
  useBulkCompleteTasks,
  useBulkDeleteTasks,
  useDeletedTasksToast,
} from "./use-tasks.ts";

const tasksText = (count: number) =>
  count === 1 ? "1 task" : `${count.toLocaleString("en")} tasks`;

/**
 * The tasks table's bulk actions. They send the list's filter with the chosen ids, or the filter
 * alone for "all N matching": the server changes exactly what the filter matches when it runs.
 * Delete is undone from its toast (the server restores the ids it deleted).
 */
export function TaskBulkActions({
  filter,
  selection,
  total,
  onDeleted,
}: {
  filter: TaskFilter;
  selection: RowSelectionState;
  total: number;
  /** After a delete: the bar (and its focused button) is gone, focus goes somewhere sensible. */
  onDeleted: () => void;
}) {
  const complete = useBulkCompleteTasks();
  const assign = useBulkAssignTasks();
  const remove = useBulkDeleteTasks();
  const announceDeleted = useDeletedTasksToast();
  const [assigning, setAssigning] = useState(false);
  const [assignee, setAssignee] = useState("");
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const count = selection.count(total);
  // The server refuses more than TASK_BULK_LIMIT at once: say so before anyone tries.
  const tooMany = count > TASK_BULK_LIMIT;
  const target = () => ({ filter, ids: selection.ids() });

  const setDone = (done: boolean) =>
    complete.mutate(
      { ...target(), done },
      {
        onSuccess: ({ changed }) => {
          selection.clear();
          toast.success(
            changed === 0
              ? `The selected tasks were already ${done ? "done" : "open"}.`
              : `${done ? "Completed" : "Reopened"} ${tasksText(changed)}.`,
          );
        },
        onError: (error) => toast.error(`Could not change the tasks: ${errorMessage(error)}`),
      },
    );

  return (
    <>
      {tooMany && (
        <span className="text-sm">
          At most {TASK_BULK_LIMIT.toLocaleString("en")} tasks at once: narrow the filter.
        </span>
      )}
      {filter.status !== "done" && (
        <Button
          variant="secondary"
          size="sm"
          disabled={tooMany || complete.isPending}
          onClick={() => setDone(true)}
        >
          Complete
        </Button>
      )}
      {filter.status !== "open" && filter.status !== "overdue" && (
        <Button
          variant="secondary"
          size="sm"
          disabled={tooMany || complete.isPending}
          onClick={() => setDone(false)}
        >
          Reopen
        </Button>
      )}
      <Button variant="secondary" size="sm" disabled={tooMany} onClick={() => setAssigning(true)}>
        Reassign
      </Button>
      <Button
        variant="danger"
        size="sm"
        disabled={tooMany}
        onClick={() => setConfirmingDelete(true)}
      >
        Delete
      </Button>

      <ConfirmDialog
        open={assigning}
        tone="primary"
        title={`Reassign ${tasksText(count)}`}
        confirmLabel="Reassign"
        confirmDisabled={!assignee}
        pending={assign.isPending}
        error={assign.error ? errorMessage(assign.error) : null}
        onClose={() => {
          setAssigning(false);
          assign.reset();
        }}
        onConfirm={() =>
          assign.mutate(
            { ...target(), assigneeMemberId: assignee },
            {
              onSuccess: ({ changed }) => {
                setAssigning(false);
                selection.clear();
                toast.success(`Reassigned ${tasksText(changed)}.`);
              },
            },
          )
        }
      >
        <MemberPicker
          id="bulk-assignee"
          label="New assignee"
          noneLabel="Choose someone"
          value={assignee}
          onChange={setAssignee}
        />
      </ConfirmDialog>

      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete ${tasksText(count)}?`}
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onClose={() => {
          setConfirmingDelete(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(target(), {
            onSuccess: ({ ids }) => {
              setConfirmingDelete(false);
              selection.clear();
              announceDeleted(ids, tasksText(ids.length));
              onDeleted();
            },
          })
        }
      >
        <p>Their reminders will not be sent. You can undo it right after.</p>
      </ConfirmDialog>
    </>
  );
}
