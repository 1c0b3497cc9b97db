import { MAX_NAME_LENGTH, MIN_PASSWORD_LENGTH } from "@guild/auth/limits";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { AuthCard, textLink } from "./auth-card.tsx";
import { useSignUp } from "./use-auth.ts";

export function SignUpForm({ redirect }: { redirect: string | undefined }) {
  const navigate = useNavigate();
  const signUp = useSignUp();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  return (
    <AuthCard
      title="Create your Guild account"
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
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const address = email.trim();
          signUp.mutate(
            { name: name.trim(), email: address, password, redirect },
            {
              onSuccess: () =>
                void navigate({ to: "/check-email", search: { email: address, redirect } }),
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
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {signUp.error && <FormAlert>{errorMessage(signUp.error)}</FormAlert>}
        <Button type="submit" className="w-full" pending={signUp.isPending}>
          Sign up
        </Button>
      </form>
    </AuthCard>
  );
}
