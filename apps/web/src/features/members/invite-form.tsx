import { createInvitationInput } from "@guild/api/schemas/invitation";
import { type MemberRole, manageableRoles } from "@guild/db/enums";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { SelectField, TextField } from "../../components/field.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { useShortcut } from "../shell/shortcuts.tsx";
import { roleLabel } from "./role-label.ts";
import { useCreateInvitation } from "./use-members.ts";

export function InviteForm({
  myRole,
  autoFocus = false,
}: {
  myRole: MemberRole;
  /** Arrived to invite someone (the command palette): the cursor waits in the email field. */
  autoFocus?: boolean;
}) {
  const invite = useCreateInvitation();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<MemberRole>("member");
  // Only the roles the inviter manages (owners: all; admins: those below admin), as the API
  // decides: what it would refuse is not offered.
  const roles = manageableRoles(myRole);
  // The members list's "create": invite someone.
  useShortcut("c", "Invite someone", () => document.getElementById("invite-email")?.focus());
  const fieldErrors = useFieldErrors(invite.error);
  const { errors, serverErrors } = fieldErrors;
  const formError = invite.error && !serverErrors.email && !serverErrors.role ? invite.error : null;

  return (
    <>
      <UnsavedChangesGuard dirty={email.trim() !== ""} />
      <form
        noValidate
        className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = createInvitationInput.safeParse({ email, role });
          if (!checked.success) {
            fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
            return;
          }
          fieldErrors.submitted({});
          invite.mutate(checked.data, {
            onSuccess: (created) => {
              toast.success(`Invitation sent to ${created.email}.`);
              setEmail("");
            },
          });
        }}
      >
        <TextField
          id="invite-email"
          label="Email"
          type="email"
          autoComplete="off"
          placeholder="colleague@example.com"
          // Only when the person asked to invite someone (the palette's "Invite a member").
          autoFocus={autoFocus}
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            fieldErrors.changedField("email");
          }}
          error={errors.email}
        />
        <SelectField
          label="Role"
          value={role}
          onChange={(e) => {
            const next = roles.find((r) => r === e.target.value);
            if (next) setRole(next);
            fieldErrors.changedField("role");
          }}
          error={errors.role}
        >
          {roles.map((option) => (
            <option key={option} value={option}>
              {roleLabel(option)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" pending={invite.isPending} className="sm:mt-6">
          Send invitation
        </Button>
        <div className="sm:col-span-3">{formError && <ErrorAlert error={formError} />}</div>
      </form>
    </>
  );
}
