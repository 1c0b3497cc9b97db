import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { AuthCard, textLink } from "./auth-card.tsx";
import { preloadAuthClient, useRequestPasswordReset } from "./use-auth.ts";

export function ForgotPasswordForm() {
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState("");

  if (request.isSuccess) {
    return (
      <AuthCard
        title="Check your email"
        description={
          <>
            If an account exists for <strong className="text-foreground">{email.trim()}</strong>, we
            sent it a link to choose a new password.
          </>
        }
        footer={
          <Link to="/sign-in" search={{}} className={textLink}>
            Back to sign in
          </Link>
        }
      >
        <p className="text-sm text-muted-foreground">The link expires in one hour.</p>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Reset your password"
      description="Enter your account's email and we will send you a link to choose a new password."
      footer={
        <Link to="/sign-in" search={{}} className={textLink}>
          Back to sign in
        </Link>
      }
    >
      <form
        // The auth client loads while the person types, not with the screen.
        onFocus={preloadAuthClient}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          request.mutate({ email: email.trim() });
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
        {request.error && <FormAlert>{errorMessage(request.error)}</FormAlert>}
        <Button type="submit" className="w-full" pending={request.isPending}>
          Send reset link
        </Button>
      </form>
    </AuthCard>
  );
}
