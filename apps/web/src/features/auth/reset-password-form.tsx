import { MIN_PASSWORD_LENGTH, newPasswordProblem } from "@guild/auth/limits";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button, ButtonLink } from "../../components/button.tsx";
import { TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { AuthCard, textLink } from "./auth-card.tsx";
import { preloadAuthClient, useResetPassword } from "./use-auth.ts";

/** Where the reset link lands: better-auth adds ?token= (or ?error= when the link is bad). */
export function ResetPasswordForm({
  token,
  error,
}: {
  token: string | undefined;
  error: string | undefined;
}) {
  const reset = useResetPassword();
  const [password, setPassword] = useState("");
  // The app's own sentence under the field, not the browser's validation bubble.
  const [passwordError, setPasswordError] = useState<string | null>(null);

  if (!token || error) {
    return (
      <AuthCard
        title="This link did not work"
        description="The password reset link is invalid or has expired."
        footer={
          <Link to="/sign-in" search={{}} className={textLink}>
            Back to sign in
          </Link>
        }
      >
        <ButtonLink to="/forgot-password" className="w-full">
          Ask for a new link
        </ButtonLink>
      </AuthCard>
    );
  }

  if (reset.isSuccess) {
    return (
      <AuthCard
        title="Password changed"
        description="Sign in with your new password. Your other sessions were signed out."
      >
        <ButtonLink to="/sign-in" search={{}} className="w-full">
          Sign in
        </ButtonLink>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Choose a new password">
      <form
        // The auth client loads while the person types, not with the screen.
        onFocus={preloadAuthClient}
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const problem = newPasswordProblem(password);
          setPasswordError(problem);
          if (!problem) reset.mutate({ token, newPassword: password });
        }}
      >
        <TextField
          label="New password"
          type="password"
          name="newPassword"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          error={passwordError ?? undefined}
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setPasswordError(null);
          }}
        />
        {reset.error && <FormAlert>{errorMessage(reset.error)}</FormAlert>}
        <Button type="submit" className="w-full" pending={reset.isPending}>
          Set new password
        </Button>
      </form>
    </AuthCard>
  );
}
