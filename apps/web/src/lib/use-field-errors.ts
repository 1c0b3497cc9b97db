import { useState } from "react";
import { type FieldErrors, serverFieldErrors } from "./errors.ts";

/**
 * The errors a form shows next to its fields: those of its own check on submit, or else the
 * server's (data.fieldErrors of the mutation's error). A field's error goes as soon as that field
 * changes, and comes back only with the next submit, so nothing stale stays under a field the
 * person has already fixed.
 *
 * `formField` renames the API's input fields to the form's, e.g. valueCents → value.
 */
export function useFieldErrors(
  serverError: unknown,
  formField: (inputField: string) => string = (field) => field,
) {
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());

  const serverErrors: FieldErrors = {};
  for (const [field, messages] of Object.entries(serverFieldErrors(serverError)))
    serverErrors[formField(field)] = messages;
  const checkFailed = Object.keys(clientErrors).length > 0;
  const errors: FieldErrors = {};
  for (const [field, messages] of Object.entries(checkFailed ? clientErrors : serverErrors))
    if (!changed.has(field)) errors[field] = messages;

  return {
    errors,
    /** The server's field errors as they came, to tell which errors no field shows. */
    serverErrors,
    /** The last submit stopped at the form's own check (so the server's error is an older one). */
    checkFailed,
    /** On submit: the form's own check's errors ({} when it passed); every field shows again. */
    submitted(found: FieldErrors) {
      setClientErrors(found);
      setChanged(new Set());
    },
    /** A field's value changed: its error goes. */
    changedField(field: string) {
      setChanged((previous) => (previous.has(field) ? previous : new Set(previous).add(field)));
    },
  };
}
