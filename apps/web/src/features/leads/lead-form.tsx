import type { RouterInputs } from "@guild/api";
import { leadFields, VALUE_MUST_BE_POSITIVE } from "@guild/api/schemas/lead";
import { type ReactNode, useState } from "react";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { useUnsavedChanges } from "../../components/unsaved-changes.tsx";
import { errorMessage, type FieldErrors } from "../../lib/errors.ts";
import { amountProblem, amountToCents, centsToAmount } from "../../lib/format.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { MemberPicker } from "../members/member-picker.tsx";
import {
  type Lead,
  type LeadSource,
  type LeadStatus,
  leadSources,
  leadStatuses,
  sourceLabel,
  statusLabel,
} from "./lead-labels.tsx";

export type LeadFieldsInput = RouterInputs["lead"]["create"];

interface FormValues {
  name: string;
  email: string;
  company: string;
  phone: string;
  value: string;
  status: LeadStatus;
  source: LeadSource;
  ownerMemberId: string;
  notes: string;
}

type FieldName = keyof FormValues;

// The API names the amount valueCents; the form field is the decimal "value".
const fieldOfInput: Record<string, FieldName> = { valueCents: "value" };
function formField(inputField: string): string {
  return fieldOfInput[inputField] ?? inputField;
}

function valuesOf(lead: Lead | undefined, defaultOwner: string): FormValues {
  return {
    name: lead?.name ?? "",
    email: lead?.email ?? "",
    company: lead?.company ?? "",
    phone: lead?.phone ?? "",
    value: lead ? centsToAmount(lead.valueCents) : "",
    status: lead?.status ?? "new",
    source: lead?.source ?? "other",
    ownerMemberId: lead ? (lead.ownerMemberId ?? "") : defaultOwner,
    notes: lead?.notes ?? "",
  };
}

/**
 * Create and edit form. Checks the input with the API's own zod schema (leadFields) before
 * sending, and shows the server's field errors (data.fieldErrors) next to the same fields.
 */
export function LeadForm({
  lead,
  defaultOwnerMemberId = "",
  pending,
  serverError,
  onSubmit,
  secondaryAction,
}: {
  lead?: Lead;
  defaultOwnerMemberId?: string;
  pending: boolean;
  serverError: unknown;
  /** `release()` before leaving the page once saved: no "unsaved changes" question then. */
  onSubmit: (input: LeadFieldsInput, form: { release: () => void }) => void;
  secondaryAction?: ReactNode;
}) {
  const [initial] = useState<FormValues>(() => valuesOf(lead, defaultOwnerMemberId));
  const [values, setValues] = useState<FormValues>(initial);
  const unsaved = useUnsavedChanges(JSON.stringify(values) !== JSON.stringify(initial));
  const fieldErrors = useFieldErrors(serverError, formField);
  const { errors } = fieldErrors;
  // An error the fields cannot show (no field, or one the form does not have) goes above the button.
  const shownByFields = Object.keys(fieldErrors.serverErrors).some((field) => field in values);
  const formLevelError =
    serverError && !shownByFields && !fieldErrors.checkFailed ? errorMessage(serverError) : null;

  const set = (field: FieldName) => (event: { target: { value: string } }) => {
    const { value } = event.target;
    setValues((previous) => ({ ...previous, [field]: value }));
    fieldErrors.changedField(field);
  };

  return (
    <>
      {/* Beside the form, not in it: the dialog's own form must not submit this one. */}
      {unsaved.dialog}
      <form
        noValidate
        className="space-y-5"
        onSubmit={(event) => {
          event.preventDefault();
          const valueCents = amountToCents(values.value);
          const input: LeadFieldsInput = {
            name: values.name,
            email: values.email,
            company: values.company,
            phone: values.phone,
            status: values.status,
            source: values.source,
            valueCents: valueCents ?? 0,
            notes: values.notes,
            ownerMemberId: values.ownerMemberId || null,
          };
          const found: FieldErrors = {};
          const checked = leadFields.safeParse(input);
          if (!checked.success) {
            for (const [field, messages] of Object.entries(
              z.flattenError(checked.error).fieldErrors,
            ))
              if (messages?.length) found[formField(field)] = messages;
          }
          const valueProblem = amountProblem(values.value, VALUE_MUST_BE_POSITIVE);
          if (valueProblem) found.value = [valueProblem];
          fieldErrors.submitted(found);
          if (Object.keys(found).length === 0) onSubmit(input, { release: unsaved.release });
          else document.getElementById(`lead-${Object.keys(found)[0]}`)?.focus();
        }}
      >
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            id="lead-name"
            label="Name"
            required
            autoComplete="off"
            value={values.name}
            onChange={set("name")}
            error={errors.name}
            className="sm:col-span-2"
          />
          <TextField
            id="lead-email"
            label="Email"
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={set("email")}
            error={errors.email}
          />
          <TextField
            id="lead-phone"
            label="Phone"
            type="tel"
            autoComplete="off"
            value={values.phone}
            onChange={set("phone")}
            error={errors.phone}
          />
          <TextField
            id="lead-company"
            label="Company"
            autoComplete="off"
            value={values.company}
            onChange={set("company")}
            error={errors.company}
          />
          <TextField
            id="lead-value"
            label="Value"
            inputMode="decimal"
            placeholder="0.00"
            hint="Expected deal size in US dollars, e.g. 1250.50"
            value={values.value}
            onChange={set("value")}
            error={errors.value}
          />
          <SelectField
            id="lead-status"
            label="Status"
            value={values.status}
            onChange={set("status")}
            error={errors.status}
          >
            {leadStatuses.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="lead-source"
            label="Source"
            value={values.source}
            onChange={set("source")}
            error={errors.source}
          >
            {leadSources.map((source) => (
              <option key={source} value={source}>
                {sourceLabel(source)}
              </option>
            ))}
          </SelectField>
          <MemberPicker
            id="lead-ownerMemberId"
            label="Owner"
            noneLabel="No owner"
            value={values.ownerMemberId}
            selectedName={
              lead && values.ownerMemberId === lead.ownerMemberId ? lead.ownerName : undefined
            }
            onChange={(memberId) => set("ownerMemberId")({ target: { value: memberId } })}
            error={errors.ownerMemberId}
          />
          <TextareaField
            id="lead-notes"
            label="Notes"
            rows={4}
            value={values.notes}
            onChange={set("notes")}
            error={errors.notes}
            className="sm:col-span-2"
          />
        </div>
        {formLevelError && <FormAlert>{formLevelError}</FormAlert>}
        {Object.keys(errors).length > 0 && (
          <p role="alert" className="sr-only">
            Some fields need attention.
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" pending={pending}>
            Save lead
          </Button>
          {secondaryAction}
        </div>
      </form>
    </>
  );
}
