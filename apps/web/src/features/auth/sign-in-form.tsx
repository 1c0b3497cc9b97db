import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { TextField } from "../../components/field.tsx";
import { FormAlert, SuccessMessage } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { safeRedirect } from "../../lib/safe-redirect.ts";
import { AuthCard, textLink } from "./auth-card.tsx";
import {
  AuthRequestError,
  preloadAuthClient,
  useResendVerification,
  useSignIn,
} from "./use-auth.ts";

export function SignInForm({ redirect }: { redirect: string | undefined }) {
  const navigate = useNavigate();
  const signIn = useSignIn();
  const resend = useResendVerification();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [rememberMe, setRememberMe] = useState(true);
  const unverified =
    signIn.error instanceof AuthRequestError && signIn.error.code === "EMAIL_NOT_VERIFIED";

  return (
    <AuthCard
      title="Sign in to Guild"
      description={
        redirect?.startsWith("/invitations/")
          ? "Sign in, or create an account with the address the invitation was sent to, to answer it."
          : undefined
      }
      footer={
        <>
          New to Guild?{" "}
          <Link to="/sign-up" search={{ redirect }} className={textLink}>
            Create an account
          </Link>
        </>
      }
    >
      <form
        // The auth client loads while the person types, not with the screen.
        onFocus={preloadAuthClient}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          resend.reset();
          signIn.mutate(
            { email: email.trim(), password, rememberMe },
            {
              onSuccess: ({ twoFactor }) => {
                if (twoFactor) void navigate({ to: "/two-factor", search: { redirect } });
                else void navigate({ href: safeRedirect(redirect), replace: true });
              },
            },
          );
        }}
      >
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div className="flex items-center justify-between gap-2 text-sm">
          <label className="flex items-center gap-2 text-foreground">
            <input
              type="checkbox"
              className="size-4 rounded border-input text-accent-foreground"
              checked={rememberMe}
              onChange={(e) => setRememberMe(e.target.checked)}
            />
            Keep me signed in
          </label>
          <Link to="/forgot-password" className={textLink}>
            Forgot your password?
          </Link>
        </div>
        {signIn.error && (
          <FormAlert>
            {errorMessage(signIn.error)}
            {unverified && (
              <Button
                variant="secondary"
                size="sm"
                className="mt-2"
                pending={resend.isPending}
                onClick={() => resend.mutate({ email: email.trim(), redirect })}
              >
                Send the verification link again
              </Button>
            )}
          </FormAlert>
        )}
        {resend.isSuccess && (
          <SuccessMessage>We sent a new verification link to {email.trim()}.</SuccessMessage>
        )}
        {resend.error && <FormAlert>{errorMessage(resend.error)}</FormAlert>}
        <Button type="submit" className="w-full" pending={signIn.isPending}>
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
