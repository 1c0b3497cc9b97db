import type { RouterInputs } from "@guild/api";
import { taskFields } from "@guild/api/schemas/task";
import { useState } from "react";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { TextareaField, TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { errorMessage, type FieldErrors } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { MemberPicker } from "../members/member-picker.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { fromLocalInput, toLocalInput, tomorrowMorning } from "./due-time.ts";
import { LeadPicker } from "./lead-picker.tsx";
import type { Task } from "./use-tasks.ts";

export type TaskFieldsInput = RouterInputs["task"]["create"];

interface FormValues {
  title: string;
  dueAt: string;
  notes: string;
  assigneeMemberId: string;
  leadId: string;
  leadName: string | null;
}

function valuesOf(task: Task | undefined, lead: { id: string; name: string } | undefined) {
  return {
    title: task?.title ?? "",
    dueAt: toLocalInput(task?.dueAt ?? tomorrowMorning()),
    notes: task?.notes ?? "",
    assigneeMemberId: task?.assigneeMemberId ?? "",
    leadId: task?.leadId ?? lead?.id ?? "",
    leadName: task?.leadName ?? lead?.name ?? null,
  } satisfies FormValues;
}

/**
 * Create and edit form for a task. Checks the input with the API's own schema (taskFields)
 * before sending and shows the server's field errors next to the same fields. With `lead`, the
 * task belongs to that lead (the lead page's "Add task") and no lead picker is shown.
 */
export function TaskForm({
  task,
  lead,
  idPrefix,
  pending,
  serverError,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  task?: Task;
  lead?: { id: string; name: string };
  /** Unique per form on the page (several may be open: one per edited row). */
  idPrefix: string;
  pending: boolean;
  serverError: unknown;
  submitLabel: string;
  onSubmit: (input: TaskFieldsInput) => void;
  onCancel: () => void;
}) {
  const { membership } = useCurrentOrganization();
  const [initial] = useState<FormValues>(() => valuesOf(task, lead));
  const [values, setValues] = useState<FormValues>(initial);
  const fieldErrors = useFieldErrors(serverError);
  const { errors } = fieldErrors;
  const shownByFields = Object.keys(fieldErrors.serverErrors).some((field) => field in values);
  const formLevelError =
    serverError && !shownByFields && !fieldErrors.checkFailed ? errorMessage(serverError) : null;
  const fieldId = (field: keyof FormValues) => `${idPrefix}-${field}`;

  const set = (field: keyof FormValues) => (event: { target: { value: string } }) => {
    const { value } = event.target;
    setValues((previous) => ({ ...previous, [field]: value }));
    fieldErrors.changedField(field);
  };

  return (
    <>
      {/* A task form closes (unmounts) once saved or cancelled: only leaving the page asks. */}
      <UnsavedChangesGuard dirty={JSON.stringify(values) !== JSON.stringify(initial)} />
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const input: TaskFieldsInput = {
            title: values.title,
            dueAt: fromLocalInput(values.dueAt),
            notes: values.notes,
            // "Me" is no choice at all: the server assigns the task to whoever creates it.
            assigneeMemberId: values.assigneeMemberId || membership.memberId,
            leadId: values.leadId || null,
          };
          const found: FieldErrors = {};
          const checked = taskFields.safeParse(input);
          if (!checked.success)
            for (const [field, messages] of Object.entries(
              z.flattenError(checked.error).fieldErrors,
            ))
              if (messages?.length) found[field] = messages;
          if (!values.dueAt) found.dueAt = ["Choose when the task is due"];
          fieldErrors.submitted(found);
          const first = Object.keys(found)[0];
          if (!first) onSubmit(input);
          else document.getElementById(`${idPrefix}-${first}`)?.focus();
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id={fieldId("title")}
            label="Title"
            required
            autoComplete="off"
            value={values.title}
            onChange={set("title")}
            error={errors.title}
            className="sm:col-span-2"
          />
          <TextField
            id={fieldId("dueAt")}
            label="Due"
            type="datetime-local"
            required
            value={values.dueAt}
            onChange={set("dueAt")}
            error={errors.dueAt}
          />
          <MemberPicker
            id={fieldId("assigneeMemberId")}
            label="Assignee"
            value={values.assigneeMemberId === membership.memberId ? "" : values.assigneeMemberId}
            selectedName={
              task?.assigneeMemberId === values.assigneeMemberId ? task.assigneeName : null
            }
            onChange={(memberId) => {
              setValues((previous) => ({ ...previous, assigneeMemberId: memberId }));
              fieldErrors.changedField("assigneeMemberId");
            }}
            noneLabel="Me"
            error={errors.assigneeMemberId}
          />
          {!lead && (
            <div className="sm:col-span-2">
              <LeadPicker
                id={fieldId("leadId")}
                value={values.leadId}
                selectedName={values.leadName}
                onChange={(leadId, leadName) => {
                  setValues((previous) => ({ ...previous, leadId, leadName }));
                  fieldErrors.changedField("leadId");
                }}
                error={errors.leadId}
              />
            </div>
          )}
          <TextareaField
            id={fieldId("notes")}
            label="Notes"
            rows={3}
            value={values.notes}
            onChange={set("notes")}
            error={errors.notes}
            className="sm:col-span-2"
          />
        </div>
        {formLevelError && <FormAlert>{formLevelError}</FormAlert>}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" pending={pending}>
            {submitLabel}
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </>
  );
}
