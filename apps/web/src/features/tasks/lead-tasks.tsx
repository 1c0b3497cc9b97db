import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ErrorState, LoadingState } from "../../components/states.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { TaskForm } from "./task-form.tsx";
import { TaskRow } from "./task-row.tsx";
import { useCreateTask, useLeadTasks } from "./use-tasks.ts";

/** The lead page's Tasks section: the lead's tasks by due date, and "Add task" for it. */
export function LeadTasks({ lead }: { lead: { id: string; name: string } }) {
  const { slug } = useCurrentOrganization();
  const tasks = useLeadTasks(lead.id);
  const create = useCreateTask();
  const [adding, setAdding] = useState(false);
  const items = tasks.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card
      title="Tasks"
      actions={
        <div className="flex flex-wrap items-center gap-3">
          <Link
            to="/o/$slug/tasks"
            params={{ slug }}
            className="text-sm text-accent-foreground hover:underline"
          >
            My tasks
          </Link>
          {!adding && (
            <Button
              size="sm"
              onClick={() => {
                create.reset();
                setAdding(true);
              }}
            >
              Add task
            </Button>
          )}
        </div>
      }
    >
      <div className="space-y-4">
        {adding && (
          <TaskForm
            lead={lead}
            idPrefix="lead-task"
            pending={create.isPending}
            serverError={create.error}
            submitLabel="Add task"
            onSubmit={(input) =>
              create.mutate({ ...input, leadId: lead.id }, { onSuccess: () => setAdding(false) })
            }
            onCancel={() => setAdding(false)}
          />
        )}
        {tasks.isPending ? (
          <LoadingState label="Loading tasks…" />
        ) : tasks.error ? (
          <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : items.length === 0 ? (
          !adding && <p className="text-sm text-muted-foreground">No tasks for this lead yet.</p>
        ) : (
          <>
            <ul aria-label={`Tasks for ${lead.name}`} className="space-y-2">
              {items.map((task) => (
                <TaskRow key={task.id} task={task} show="assignee" />
              ))}
            </ul>
            {tasks.hasNextPage && (
              <Button
                variant="secondary"
                size="sm"
                pending={tasks.isFetchingNextPage}
                onClick={() => void tasks.fetchNextPage()}
              >
                Show more
              </Button>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
