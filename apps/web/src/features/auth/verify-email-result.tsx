import { Link, useNavigate } from "@tanstack/react-router";
import { Button, ButtonLink } from "../../components/button.tsx";
import { LoadingState } from "../../components/states.tsx";
import { safeRedirect } from "../../lib/safe-redirect.ts";
import { AuthCard, textLink } from "./auth-card.tsx";
import { useSession } from "./session.ts";

/** Where the verification link lands: better-auth adds ?error= when the token was bad. */
export function VerifyEmailResult({
  error,
  redirect,
}: {
  error: string | undefined;
  redirect: string | undefined;
}) {
  const session = useSession();
  const navigate = useNavigate();
  if (error) {
    return (
      <AuthCard
        title="This link did not work"
        description="The verification link is invalid or has expired."
        footer={
          <Link to="/sign-in" search={{ redirect }} className={textLink}>
            Back to sign in
          </Link>
        }
      >
        <p className="text-sm text-muted-foreground">
          Sign in with your email and password: if your address still needs verifying, you can ask
          for a new link there.
        </p>
      </AuthCard>
    );
  }
  if (session.isPending) return <LoadingState />;
  const next = safeRedirect(redirect);
  return (
    <AuthCard title="Email verified" description="Your email address is confirmed.">
      {session.data ? (
        <Button className="w-full" onClick={() => void navigate({ href: next })}>
          Continue
        </Button>
      ) : (
        <ButtonLink to="/sign-in" search={{ redirect }} className="w-full">
          Sign in
        </ButtonLink>
      )}
    </AuthCard>
  );
}
