import { revokeCertificateInput } from "@guild/api/schemas/certificate";
import { CERTIFICATE_REVOKE_REASON_MAX } from "@guild/db/enums";
import { useId, useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { TextareaField } from "../../components/field.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { useRevokeCertificate } from "./use-certificates-admin.ts";

/** The certificate being revoked: whose, and of which course. */
export interface RevokeTarget {
  id: string;
  recipientName: string;
  courseTitle: string;
}

/**
 * "Revoke certificate?" with a reason: checked with the API's schema before sending (its issues
 * and the server's next to the field). Mounted only while open, so each starts empty.
 */
export function RevokeCertificateDialog({
  target,
  onClose,
}: {
  target: RevokeTarget;
  onClose: () => void;
}) {
  const id = useId();
  const revoke = useRevokeCertificate();
  const [reason, setReason] = useState("");
  const fieldErrors = useFieldErrors(revoke.error);
  const shownByField = Boolean(fieldErrors.serverErrors.reason);
  const formError =
    revoke.error && !shownByField && !fieldErrors.checkFailed ? errorMessage(revoke.error) : null;
  const submit = () => {
    const checked = revokeCertificateInput.safeParse({ id: target.id, reason });
    const reasonIssues = checked.success
      ? undefined
      : z.flattenError(checked.error).fieldErrors.reason;
    fieldErrors.submitted(reasonIssues ? { reason: reasonIssues } : {});
    if (!checked.success) {
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    revoke.mutate(checked.data, {
      onSuccess: () => {
        toast.success(`Revoked ${target.recipientName}'s certificate.`);
        onClose();
      },
    });
  };
  return (
    <FormDialog
      open
      title={`Revoke ${target.recipientName}'s certificate for ${target.courseTitle}?`}
      onClose={onClose}
    >
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <p className="text-sm text-muted-foreground">
          Its public verification page will say it was revoked, and its member can no longer
          download it. This cannot be undone. Your reason is kept for the admins, never shown on the
          public page.
        </p>
        <TextareaField
          id={`${id}-reason`}
          label="Reason"
          rows={3}
          maxLength={CERTIFICATE_REVOKE_REASON_MAX}
          value={reason}
          error={fieldErrors.errors.reason}
          onChange={(event) => {
            setReason(event.target.value);
            fieldErrors.changedField("reason");
          }}
        />
        {formError && <FormAlert>{formError}</FormAlert>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={revoke.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={revoke.isPending}>
            Revoke certificate
          </Button>
        </div>
      </form>
    </FormDialog>
  );
}
