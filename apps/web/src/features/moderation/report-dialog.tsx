import { reportContentInput } from "@guild/api/schemas/moderation";
import { REPORT_DETAILS_MAX, reportReasons } from "@guild/db/enums";
import { useId, useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { useModalDialog } from "../../components/confirm-dialog.tsx";
import { SelectField, TextareaField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage, type FieldErrors } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { reasonWords } from "./report-reasons.ts";
import { useReport } from "./use-moderation.ts";

/** What is reported: a post, or one of its comments. */
export interface ReportTarget {
  postId: string;
  commentId?: string | null;
  /** "post" or "comment", for the dialog's title. */
  kind: "post" | "comment";
}

/**
 * A member reports a post or comment to the moderators: a reason and optional words, checked with
 * the API's own schema before sending (its issues and the server's go next to their fields).
 * Mounted only while open, so each report starts empty.
 */
export function ReportDialog({ target, onClose }: { target: ReportTarget; onClose: () => void }) {
  const ref = useModalDialog(true);
  const id = useId();
  const report = useReport();
  const [reason, setReason] = useState("");
  const [details, setDetails] = useState("");
  const fieldErrors = useFieldErrors(report.error);
  const { errors } = fieldErrors;
  const shownByField = Object.keys(fieldErrors.serverErrors).length > 0;
  const formError =
    report.error && !shownByField && !fieldErrors.checkFailed ? errorMessage(report.error) : null;
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-surface p-0 shadow-xl"
    >
      <form
        noValidate
        className="space-y-4 p-6"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = reportContentInput.safeParse({
            postId: target.postId,
            commentId: target.commentId ?? null,
            reason,
            details,
          });
          const found: FieldErrors = {};
          if (!checked.success) {
            const flat = z.flattenError(checked.error).fieldErrors;
            if (flat.reason) found.reason = flat.reason;
            if (flat.details) found.details = flat.details;
          }
          fieldErrors.submitted(found);
          if (found.reason) return document.getElementById(`${id}-reason`)?.focus();
          if (found.details) return document.getElementById(`${id}-details`)?.focus();
          if (!checked.success) return;
          report.mutate(checked.data, {
            onSuccess: () => {
              toast.success("Reported: a moderator will look at it.");
              onClose();
            },
          });
        }}
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold text-foreground">
          Report this {target.kind}
        </h2>
        <p className="text-sm text-muted-foreground">
          The moderators see your report; its author is not told who sent it.
        </p>
        <SelectField
          id={`${id}-reason`}
          label="Reason"
          value={reason}
          error={errors.reason}
          onChange={(event) => {
            setReason(event.target.value);
            fieldErrors.changedField("reason");
          }}
        >
          <option value="">Choose a reason…</option>
          {reportReasons.map((value) => (
            <option key={value} value={value}>
              {reasonWords[value]}
            </option>
          ))}
        </SelectField>
        <TextareaField
          id={`${id}-details`}
          label="Details (optional)"
          rows={3}
          maxLength={REPORT_DETAILS_MAX}
          value={details}
          error={errors.details}
          onChange={(event) => {
            setDetails(event.target.value);
            fieldErrors.changedField("details");
          }}
        />
        {formError && <FormAlert>{formError}</FormAlert>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={report.isPending}>
            Cancel
          </Button>
          <Button type="submit" pending={report.isPending}>
            Send report
          </Button>
        </div>
      </form>
    </dialog>
  );
}
