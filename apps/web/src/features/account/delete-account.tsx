import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { accountSection } from "./account-sections.ts";

/**
 * Deletes the signed-in account after the password (and the authenticator's code) and a ticked
 * confirmation. The server refuses while the person is the last owner of an organization, and
 * says which one.
 */
export function DeleteAccount({ twoFactorEnabled }: { twoFactorEnabled: boolean }) {
  const trpc = useTRPC();
  const remove = useMutation(
    trpc.me.deleteAccount.mutationOptions({
      // A full page load drops every cached query of the person who no longer exists.
      onSuccess: () => window.location.assign("/sign-in"),
    }),
  );
  const fields = useFieldErrors(remove.error);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [understood, setUnderstood] = useState(false);
  const shownByFields = Boolean(fields.serverErrors.password || fields.serverErrors.code);
  return (
    <Card {...accountSection("delete-account")}>
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          fields.submitted({});
          remove.mutate({ password, ...(twoFactorEnabled ? { code } : {}) });
        }}
      >
        <p className="text-sm text-muted-foreground">
          Your account, your memberships and your sessions are deleted for good. What you wrote in
          organizations stays there, shown as by a former member. If you are the last owner of an
          organization, make someone else an owner or delete it first.
        </p>
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          error={fields.errors.password}
          onChange={(e) => {
            setPassword(e.target.value);
            fields.changedField("password");
          }}
        />
        {twoFactorEnabled && (
          <TextField
            label="Code from your authenticator app"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            error={fields.errors.code}
            onChange={(e) => {
              setCode(e.target.value);
              fields.changedField("code");
            }}
          />
        )}
        <label className="flex items-center gap-2 text-sm text-foreground">
          <input
            type="checkbox"
            className="size-4 rounded border-input"
            checked={understood}
            onChange={(e) => setUnderstood(e.target.checked)}
          />
          I understand that this cannot be undone
        </label>
        {remove.error && !shownByFields && <FormAlert>{errorMessage(remove.error)}</FormAlert>}
        <Button type="submit" variant="danger" disabled={!understood} pending={remove.isPending}>
          Delete my account
        </Button>
      </form>
    </Card>
  );
}
