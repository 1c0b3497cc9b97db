import type { RouterInputs } from "@guild/api";
import {
  hasOutcome,
  leadNoteFields,
  leadNoteKindLabels,
  leadNoteOutcomeLabels,
  outcomesOf,
} from "@guild/api/schemas/lead-note";
import { type LeadNoteKind, leadNoteKinds } from "@guild/db/enums";
import { useState } from "react";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { errorMessage, type FieldErrors } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { fromLocalInput, toLocalInput } from "../tasks/due-time.ts";
import type { LeadNote } from "./lead-note-entry.tsx";

export type LeadNoteFieldsInput = Omit<RouterInputs["leadNote"]["add"], "leadId">;

interface FormValues {
  kind: LeadNoteKind;
  body: string;
  /** datetime-local; empty: now. */
  occurredAt: string;
  durationMinutes: string;
  outcome: string;
}

function valuesOf(note: LeadNote | undefined): FormValues {
  return {
    kind: note?.kind ?? "note",
    body: note?.body ?? "",
    occurredAt: note ? toLocalInput(note.occurredAt) : "",
    durationMinutes: note?.durationMinutes ? String(note.durationMinutes) : "",
    outcome: note?.outcome ?? "",
  };
}

const submitLabels: Record<LeadNoteKind, string> = {
  note: "Add note",
  call: "Log call",
  meeting: "Log meeting",
  email: "Log email",
};

/**
 * Writes a note or logs a call, meeting or email; edits one with `note`. Checks the input with
 * the API's own schema (leadNoteFields) before sending and shows the server's field errors next
 * to the same fields. A call or meeting also asks how long it took and how it went.
 */
export function LeadNoteForm({
  note,
  idPrefix,
  pending,
  serverError,
  onSubmit,
  onCancel,
}: {
  note?: LeadNote;
  /** Unique per form on the page (the composer, and one per note being edited). */
  idPrefix: string;
  pending: boolean;
  serverError: unknown;
  /** Resolves once saved: a new note's form empties then. */
  onSubmit: (input: LeadNoteFieldsInput) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [initial] = useState<FormValues>(() => valuesOf(note));
  const [values, setValues] = useState<FormValues>(initial);
  const fieldErrors = useFieldErrors(serverError);
  const { errors } = fieldErrors;
  const shownByFields = Object.keys(fieldErrors.serverErrors).some((field) => field in values);
  const formLevelError =
    serverError && !shownByFields && !fieldErrors.checkFailed ? errorMessage(serverError) : null;
  const fieldId = (field: keyof FormValues) => `${idPrefix}-${field}`;
  const logged = values.kind !== "note";
  const withOutcome = hasOutcome(values.kind);

  const set = (field: keyof FormValues) => (event: { target: { value: string } }) => {
    const { value } = event.target;
    setValues((previous) => ({ ...previous, [field]: value }));
    fieldErrors.changedField(field);
  };

  return (
    <>
      {/* A new note's form empties once saved: only a half-written one asks before leaving. */}
      <UnsavedChangesGuard dirty={JSON.stringify(values) !== JSON.stringify(initial)} />
      <form
        noValidate
        aria-label={note ? "Edit note" : "Add to the timeline"}
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          const minutes = values.durationMinutes.trim();
          const input: LeadNoteFieldsInput = {
            kind: values.kind,
            body: values.body,
            // Empty: it happens now (the server's time). An edit keeps the time it had unless
            // the person changed it: the field shows minutes, and sending them would move it.
            ...(logged && values.occurredAt && values.occurredAt !== initial.occurredAt
              ? { occurredAt: fromLocalInput(values.occurredAt) }
              : {}),
            durationMinutes: withOutcome && minutes ? Number(minutes) : null,
            outcome:
              withOutcome && values.outcome
                ? (outcomesOf(values.kind).find((o) => o === values.outcome) ?? null)
                : null,
          };
          const found: FieldErrors = {};
          const checked = leadNoteFields.safeParse(input);
          if (!checked.success)
            for (const [field, messages] of Object.entries(
              z.flattenError(checked.error).fieldErrors,
            ))
              if (messages?.length) found[field] = messages;
          fieldErrors.submitted(found);
          const first = Object.keys(found)[0];
          if (first) {
            document.getElementById(`${idPrefix}-${first}`)?.focus();
            return;
          }
          const sent = values;
          void onSubmit(input).then(
            () => {
              // Empty again, but for what the person changed while it saved (the next one).
              if (!note)
                setValues((current) => ({
                  kind: current.kind === sent.kind ? initial.kind : current.kind,
                  body: current.body === sent.body ? initial.body : current.body,
                  occurredAt:
                    current.occurredAt === sent.occurredAt
                      ? initial.occurredAt
                      : current.occurredAt,
                  durationMinutes:
                    current.durationMinutes === sent.durationMinutes
                      ? initial.durationMinutes
                      : current.durationMinutes,
                  outcome: current.outcome === sent.outcome ? initial.outcome : current.outcome,
                }));
            },
            // Shown from serverError.
            () => {},
          );
        }}
      >
        <fieldset className="flex flex-wrap gap-1">
          <legend className="sr-only">Kind</legend>
          {leadNoteKinds.map((kind) => (
            <label
              key={kind}
              className={`cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset focus-within:ring-2 focus-within:ring-ring ${
                values.kind === kind
                  ? "bg-primary text-primary-foreground ring-ring"
                  : "bg-surface text-foreground ring-input hover:bg-subtle"
              }`}
            >
              <input
                type="radio"
                name={fieldId("kind")}
                value={kind}
                checked={values.kind === kind}
                onChange={() => {
                  setValues((previous) => ({ ...previous, kind, outcome: "" }));
                  fieldErrors.changedField("kind");
                }}
                className="sr-only"
              />
              {leadNoteKindLabels[kind]}
            </label>
          ))}
        </fieldset>
        <TextareaField
          id={fieldId("body")}
          label={logged ? "Summary" : "Your note"}
          rows={3}
          value={values.body}
          onChange={set("body")}
          error={errors.body}
        />
        {logged && (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              id={fieldId("occurredAt")}
              label="When"
              type="datetime-local"
              hint={note ? undefined : "Empty: just now"}
              value={values.occurredAt}
              onChange={set("occurredAt")}
              error={errors.occurredAt}
            />
            {withOutcome && (
              <>
                <TextField
                  id={fieldId("durationMinutes")}
                  label="Duration (minutes)"
                  inputMode="numeric"
                  autoComplete="off"
                  value={values.durationMinutes}
                  onChange={set("durationMinutes")}
                  error={errors.durationMinutes}
                />
                <SelectField
                  id={fieldId("outcome")}
                  label="Outcome"
                  value={values.outcome}
                  onChange={set("outcome")}
                  error={errors.outcome}
                >
                  <option value="">Not recorded</option>
                  {outcomesOf(values.kind).map((outcome) => (
                    <option key={outcome} value={outcome}>
                      {leadNoteOutcomeLabels[outcome]}
                    </option>
                  ))}
                </SelectField>
              </>
            )}
          </div>
        )}
        {formLevelError && <FormAlert>{formLevelError}</FormAlert>}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" size="sm" pending={pending}>
            {note ? "Save" : submitLabels[values.kind]}
          </Button>
          {onCancel && (
            <Button type="button" size="sm" variant="secondary" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </div>
      </form>
    </>
  );
}
