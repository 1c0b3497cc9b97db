import { banMemberInput } from "@guild/api/schemas/organization-ban";
import { BAN_REASON_MAX } from "@guild/db/enums";
import { useId, useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { useModalDialog } from "../../components/confirm-dialog.tsx";
import { TextareaField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage, type FieldErrors } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useBanMember } from "./use-bans.ts";

/** Who is banned: a member row's id and name. */
export interface BanTarget {
  id: string;
  name: string;
}

/**
 * "Ban from organization" with a reason, from the member directory and the moderation queue:
 * checked with the API's own schema before sending (its issues and the server's go next to the
 * field; a refusal of rank above the buttons). Mounted only while open, so each starts empty.
 */
export function BanDialog({
  member,
  onClose,
  onBanned,
}: {
  member: BanTarget;
  onClose: () => void;
  onBanned?: () => void;
}) {
  const ref = useModalDialog(true);
  const id = useId();
  const organization = useCurrentOrganization();
  const ban = useBanMember();
  const [reason, setReason] = useState("");
  const fieldErrors = useFieldErrors(ban.error);
  const { errors } = fieldErrors;
  const shownByField = Boolean(fieldErrors.serverErrors.reason);
  const formError =
    ban.error && !shownByField && !fieldErrors.checkFailed ? errorMessage(ban.error) : null;
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
          const checked = banMemberInput.safeParse({ memberId: member.id, reason });
          const found: FieldErrors = {};
          if (!checked.success) {
            const flat = z.flattenError(checked.error).fieldErrors;
            if (flat.reason) found.reason = flat.reason;
          }
          fieldErrors.submitted(found);
          if (found.reason) return document.getElementById(`${id}-reason`)?.focus();
          if (!checked.success) return;
          ban.mutate(checked.data, {
            onSuccess: () => {
              toast.success(`Banned ${member.name} from ${organization.name}.`);
              onClose();
              onBanned?.();
            },
          });
        }}
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold text-foreground wrap-anywhere">
          Ban {member.name} from {organization.name}?
        </h2>
        <p className="text-sm text-muted-foreground">
          They lose access at once, are told by email, and cannot join again (by the public page, a
          request or an invitation) until an admin lifts the ban. The ban and your reason go into
          the audit log.
        </p>
        <TextareaField
          id={`${id}-reason`}
          label="Reason"
          rows={3}
          maxLength={BAN_REASON_MAX}
          value={reason}
          error={errors.reason}
          onChange={(event) => {
            setReason(event.target.value);
            fieldErrors.changedField("reason");
          }}
        />
        {formError && <FormAlert>{formError}</FormAlert>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={ban.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={ban.isPending}>
            Ban from organization
          </Button>
        </div>
      </form>
    </dialog>
  );
}
