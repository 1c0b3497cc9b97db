import { MAX_NAME_LENGTH, MIN_PASSWORD_LENGTH, newPasswordProblem } from "@guild/auth/limits";
import { Link, useNavigate } from "@tanstack/react-router";
import { type ReactNode, useState } from "react";
import { Button } from "../../components/button.tsx";
import { TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { safeRedirect } from "../../lib/safe-redirect.ts";
import { AuthCard, textLink } from "./auth-card.tsx";
import { preloadAuthClient, useSignUp } from "./use-auth.ts";

/** The invitation a sign-up answers: its address is filled in and cannot be changed. */
export interface SignUpInvitation {
  id: string;
  /** The link's key: with it the server takes the invitation as proof of the address. */
  key: string;
  email: string;
}

export function SignUpForm({
  redirect,
  invitation,
  title = "Create your Guild account",
  description,
}: {
  redirect: string | undefined;
  invitation?: SignUpInvitation | undefined;
  title?: string;
  description?: ReactNode;
}) {
  const navigate = useNavigate();
  const signUp = useSignUp();
  const [name, setName] = useState("");
  const [email, setEmail] = useState(invitation?.email ?? "");
  const [password, setPassword] = useState("");
  // The app's own sentence under the field, not the browser's validation bubble.
  const [passwordError, setPasswordError] = useState<string | null>(null);

  return (
    <AuthCard
      title={title}
      description={description}
      footer={
        <>
          Already have an account?{" "}
          <Link to="/sign-in" search={{ redirect }} className={textLink}>
            Sign in
          </Link>
        </>
      }
    >
      <form
        // The auth client loads while the person types, not with the screen.
        onFocus={preloadAuthClient}
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const problem = newPasswordProblem(password);
          setPasswordError(problem);
          if (problem) return;
          const address = invitation?.email ?? email.trim();
          signUp.mutate(
            { name: name.trim(), email: address, password, redirect, invitation },
            {
              onSuccess: ({ signedIn }) => {
                if (signedIn) void navigate({ href: safeRedirect(redirect), replace: true });
                else void navigate({ to: "/check-email", search: { email: address, redirect } });
              },
            },
          );
        }}
      >
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          required
          maxLength={MAX_NAME_LENGTH}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          readOnly={invitation !== undefined}
          hint={invitation ? "The address your invitation was sent to." : undefined}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
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
        {signUp.error && <FormAlert>{errorMessage(signUp.error)}</FormAlert>}
        <Button type="submit" className="w-full" pending={signUp.isPending}>
          Sign up
        </Button>
      </form>
    </AuthCard>
  );
}
