import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { TextareaField, TextField } from "../../components/field.tsx";
import { errorMessage, serverFieldErrors } from "../../lib/errors.ts";
import { useBanUser, useStartImpersonation, useUnbanUser } from "./use-admin.ts";
import type { UserAction } from "./user-columns.tsx";

const IMPERSONATION_MINUTES = 30;

/** The confirmation of the action chosen on a user's row (ban with its reason, unban, impersonate). */
export function UserActionDialog({
  action,
  onClose,
}: {
  action: UserAction | null;
  onClose: () => void;
}) {
  if (!action) return null;
  if (action.kind === "ban") return <BanDialog action={action} onClose={onClose} />;
  if (action.kind === "unban") return <UnbanDialog action={action} onClose={onClose} />;
  return <ImpersonateDialog action={action} onClose={onClose} />;
}

function BanDialog({ action, onClose }: { action: UserAction; onClose: () => void }) {
  const ban = useBanUser();
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const fields = serverFieldErrors(ban.error);
  const { user } = action;
  return (
    <ConfirmDialog
      open
      title={`Ban ${user.name}?`}
      confirmLabel="Ban and sign out"
      pending={ban.isPending}
      error={ban.error && !fields.reason && !fields.expiresAt ? errorMessage(ban.error) : null}
      onClose={onClose}
      onConfirm={() =>
        ban.mutate(
          {
            userId: user.id,
            reason,
            // The end of the chosen day, in the admin's time zone.
            expiresAt: until ? new Date(`${until}T23:59:59`) : null,
          },
          {
            onSuccess: ({ sessionsRevoked }) => {
              toast.success(
                `${user.name} is banned and signed out everywhere (${sessionsRevoked} ${sessionsRevoked === 1 ? "session" : "sessions"} ended).`,
              );
              onClose();
            },
          },
        )
      }
    >
      <p className="text-sm text-muted-foreground">
        {user.email} is signed out on every device at once and cannot sign in while the ban lasts.
      </p>
      <TextareaField
        label="Reason"
        hint="For the audit log and other admins."
        rows={3}
        required
        value={reason}
        error={fields.reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <TextField
        label="Ban until (optional)"
        hint="Leave empty for a ban until someone lifts it."
        type="date"
        value={until}
        error={fields.expiresAt}
        onChange={(event) => setUntil(event.target.value)}
      />
    </ConfirmDialog>
  );
}

function UnbanDialog({ action, onClose }: { action: UserAction; onClose: () => void }) {
  const unban = useUnbanUser();
  const { user } = action;
  return (
    <ConfirmDialog
      open
      tone="primary"
      title={`Unban ${user.name}?`}
      confirmLabel="Unban"
      pending={unban.isPending}
      error={unban.error ? errorMessage(unban.error) : null}
      onClose={onClose}
      onConfirm={() =>
        unban.mutate(
          { userId: user.id },
          {
            onSuccess: () => {
              toast.success(`${user.name} can sign in again.`);
              onClose();
            },
          },
        )
      }
    >
      <p className="text-sm text-muted-foreground">{user.email} can sign in again.</p>
    </ConfirmDialog>
  );
}

function ImpersonateDialog({ action, onClose }: { action: UserAction; onClose: () => void }) {
  const start = useStartImpersonation();
  const { user } = action;
  return (
    <ConfirmDialog
      open
      tone="primary"
      title={`Impersonate ${user.name}?`}
      confirmLabel="Impersonate"
      pending={start.isPending || start.isSuccess}
      error={start.error ? errorMessage(start.error) : null}
      onClose={onClose}
      onConfirm={() => start.mutate({ userId: user.id })}
    >
      <p className="text-sm text-muted-foreground">
        You will see Guild as {user.email} sees it, for {IMPERSONATION_MINUTES} minutes at most. A
        banner says so on every screen, with a button to stop. Starting and stopping are recorded in
        the audit log.
      </p>
    </ConfirmDialog>
  );
}
