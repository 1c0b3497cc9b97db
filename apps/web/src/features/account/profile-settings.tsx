import { MAX_NAME_LENGTH } from "@guild/auth/limits";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { TextField } from "../../components/field.tsx";
import { FormAlert, SuccessMessage } from "../../components/states.tsx";
import { UnsavedChangesGuard, useUnsavedChanges } from "../../components/unsaved-changes.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { accountSection } from "./account-sections.ts";
import { useChangeEmail, useUpdateName } from "./use-account.ts";

export function ProfileSettings({ name }: { name: string }) {
  const update = useUpdateName();
  const [value, setValue] = useState(name);
  const trimmed = value.trim();
  const unsaved = useUnsavedChanges(trimmed !== name);
  return (
    <Card {...accountSection("profile")}>
      {unsaved.dialog}
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!trimmed) return;
          update.mutate(trimmed, {
            onSuccess: () => {
              // Saved; the session's name catches up a moment later.
              unsaved.release();
              toast.success("Profile saved.");
            },
          });
        }}
      >
        <TextField
          label="Name"
          autoComplete="name"
          required
          maxLength={MAX_NAME_LENGTH}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            update.reset();
          }}
        />
        {update.error && <FormAlert>{errorMessage(update.error)}</FormAlert>}
        <Button type="submit" pending={update.isPending} disabled={!trimmed || trimmed === name}>
          Save profile
        </Button>
      </form>
    </Card>
  );
}

export function EmailSettings({ email }: { email: string }) {
  const change = useChangeEmail();
  const [value, setValue] = useState("");
  const [requested, setRequested] = useState<string | null>(null);
  return (
    <Card {...accountSection("email")} description={<>You sign in with {email}.</>}>
      <UnsavedChangesGuard dirty={value.trim() !== ""} />
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const newEmail = value.trim();
          change.mutate(newEmail, {
            onSuccess: () => {
              setRequested(newEmail);
              setValue("");
            },
          });
        }}
      >
        <TextField
          label="New email address"
          type="email"
          autoComplete="email"
          required
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        {change.error && <FormAlert>{errorMessage(change.error)}</FormAlert>}
        {requested && (
          <SuccessMessage>
            Almost done: open the link we sent to {email} to confirm the change, then the one we
            send to {requested} to verify it.
          </SuccessMessage>
        )}
        <Button type="submit" pending={change.isPending} disabled={!value.trim()}>
          Change email
        </Button>
      </form>
    </Card>
  );
}
