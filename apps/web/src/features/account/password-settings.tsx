import { MIN_PASSWORD_LENGTH } from "@guild/auth/limits";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { accountSection } from "./account-sections.ts";
import { useChangePassword } from "./use-account.ts";

export function PasswordSettings() {
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [revokeOtherSessions, setRevokeOtherSessions] = useState(true);
  return (
    <Card {...accountSection("password")}>
      <UnsavedChangesGuard dirty={currentPassword !== "" || newPassword !== ""} />
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate(
            { currentPassword, newPassword, revokeOtherSessions },
            {
              onSuccess: () => {
                setCurrentPassword("");
                setNewPassword("");
                toast.success("Your password was changed.");
              },
            },
          );
        }}
      >
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
        />
        <label className="flex items-center gap-2 text-sm text-foreground">
          <input
            type="checkbox"
            className="size-4 rounded border-input"
            checked={revokeOtherSessions}
            onChange={(e) => setRevokeOtherSessions(e.target.checked)}
          />
          Sign out my other devices
        </label>
        {change.error && <FormAlert>{errorMessage(change.error)}</FormAlert>}
        <Button type="submit" pending={change.isPending}>
          Change password
        </Button>
      </form>
    </Card>
  );
}
