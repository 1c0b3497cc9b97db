import { Link } from "@tanstack/react-router";
import { Button } from "../../components/button.tsx";
import { FormAlert, SuccessMessage } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { AuthCard, textLink } from "./auth-card.tsx";
import { useResendVerification } from "./use-auth.ts";

export function CheckEmail({
  email,
  redirect,
}: {
  email: string | undefined;
  redirect: string | undefined;
}) {
  const resend = useResendVerification();
  return (
    <AuthCard
      title="Check your email"
      description={
        <>
          We sent a verification link to{" "}
          {email ? <strong className="text-foreground">{email}</strong> : "your address"}. Open it
          to activate your account.
        </>
      }
      footer={
        <Link to="/sign-in" search={{ redirect }} className={textLink}>
          Back to sign in
        </Link>
      }
    >
      <div className="space-y-3 text-sm text-muted-foreground">
        <p>The link signs you in. It can take a minute to arrive; check your spam folder too.</p>
        {email && (
          <Button
            variant="secondary"
            className="w-full"
            pending={resend.isPending}
            onClick={() => resend.mutate({ email, redirect })}
          >
            Send the link again
          </Button>
        )}
        {resend.isSuccess && <SuccessMessage>A new link is on its way.</SuccessMessage>}
        {resend.error && <FormAlert>{errorMessage(resend.error)}</FormAlert>}
      </div>
    </AuthCard>
  );
}
