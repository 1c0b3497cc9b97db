import { idSchema } from "@guild/api/schemas/common";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { Button, ButtonLink } from "../../components/button.tsx";
import { ErrorState, FormAlert, LoadingState, NotFound } from "../../components/states.tsx";
import { authClient } from "../../lib/auth-client.ts";
import { errorMessage, isNotFound } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useSession } from "../auth/session.ts";
import { unwrapAuthResult } from "../auth/use-auth.ts";
import { roleLabel } from "../members/role-label.ts";
import { useAcceptInvitation, useDeclineInvitation, useInvitation } from "./use-invitation.ts";

const closedMessages = {
  accepted: "This invitation was already accepted.",
  declined: "This invitation was declined.",
  revoked: "This invitation was revoked by the organization.",
} as const;

/** /invitations/$id, opened from the mail: accept or decline. Only the invited address sees it. */
export function InvitationResponse({
  invitationId,
  linkKey,
}: {
  invitationId: string;
  /** The link's key from the mail, if opened from it: tells a wrong account whom it is for. */
  linkKey: string | undefined;
}) {
  const navigate = useNavigate();
  const validId = idSchema.safeParse(invitationId).success;
  const invitation = useInvitation(invitationId, validId);
  const accept = useAcceptInvitation();
  const decline = useDeclineInvitation();

  let content: ReactNode;
  if (!validId || isNotFound(invitation.error)) {
    content = <NotForThisAccount invitationId={invitationId} linkKey={linkKey} validId={validId} />;
  } else if (invitation.isPending) {
    content = <LoadingState label="Loading invitation…" />;
  } else if (invitation.error) {
    content = <ErrorState error={invitation.error} onRetry={() => void invitation.refetch()} />;
  } else {
    const data = invitation.data;
    const closed =
      data.status !== "pending"
        ? closedMessages[data.status]
        : data.expired
          ? "This invitation has expired: ask for a new one."
          : null;
    content = (
      <div className="rounded-lg border border-border bg-surface p-6 wrap-anywhere shadow-sm">
        <h1 className="text-xl font-semibold text-foreground">Join {data.organizationName}</h1>
        <p className="mt-2 text-sm text-muted-foreground">
          {data.inviterName ?? "Someone"} invited{" "}
          <strong className="text-foreground">{data.email}</strong> to join {data.organizationName}{" "}
          as {roleLabel(data.role).toLowerCase()}.
          {!closed && ` The invitation expires on ${formatDate(data.expiresAt)}.`}
        </p>
        {closed ? (
          <div className="mt-4 space-y-3">
            <p role="status" className="text-sm font-medium text-warning">
              {closed}
            </p>
            {data.status === "accepted" && (
              <ButtonLink to="/o/$slug" params={{ slug: data.organizationSlug }}>
                Open {data.organizationName}
              </ButtonLink>
            )}
          </div>
        ) : decline.isSuccess ? (
          <div className="mt-4 space-y-3">
            <p role="status" className="text-sm text-foreground">
              You declined the invitation.
            </p>
            <ButtonLink to="/" variant="secondary">
              Go to the start page
            </ButtonLink>
          </div>
        ) : (
          <div className="mt-6 space-y-3">
            {(accept.error || decline.error) && (
              <FormAlert>{errorMessage(accept.error ?? decline.error)}</FormAlert>
            )}
            <div className="flex flex-wrap gap-2">
              <Button
                pending={accept.isPending}
                disabled={decline.isPending}
                onClick={() =>
                  accept.mutate(
                    { id: invitationId },
                    {
                      onSuccess: (joined) =>
                        void navigate({
                          to: "/o/$slug",
                          params: { slug: joined.organizationSlug },
                          // The dashboard greets them (onboarding.tsx); the address stays clean.
                          state: { welcome: true },
                          replace: true,
                        }),
                    },
                  )
                }
              >
                Accept invitation
              </Button>
              <Button
                variant="secondary"
                pending={decline.isPending}
                disabled={accept.isPending}
                onClick={() => decline.mutate({ id: invitationId })}
              >
                Decline
              </Button>
            </div>
          </div>
        )}
      </div>
    );
  }

  return (
    <main id="main" className="mx-auto w-full max-w-lg flex-1 px-3 py-10 sm:px-6">
      {content}
    </main>
  );
}

/**
 * The invitation is not addressed to the signed-in account. If the link is good (its public
 * preview answers), it says so: sent to which address, signed in as which, and offers to sign
 * out and come back to it. Otherwise the preview's reason (expired, used, unknown link).
 */
function NotForThisAccount({
  invitationId,
  linkKey,
  validId: validIdOnly,
}: {
  invitationId: string;
  linkKey: string | undefined;
  validId: boolean;
}) {
  const trpc = useTRPC();
  const session = useSession();
  const validId = validIdOnly && linkKey !== undefined;
  const preview = useQuery({
    ...trpc.invitationLink.preview.queryOptions({ id: invitationId, key: linkKey ?? "" }),
    enabled: validId,
  });
  const switchAccount = useMutation({
    mutationFn: async () => {
      await unwrapAuthResult(authClient.signOut());
      // A full page load drops what was cached for this account; the link then offers the
      // sign-up for the invited address, or the sign-in.
      window.location.assign(`/join/${invitationId}?key=${encodeURIComponent(linkKey ?? "")}`);
    },
  });
  if (validId && preview.isPending) return <LoadingState label="Loading invitation…" />;
  if (!validId || preview.error)
    return (
      <NotFound
        title="Invitation not found"
        description={
          !validId || isNotFound(preview.error)
            ? "This invitation link is not valid: check the link in the mail."
            : errorMessage(preview.error)
        }
      >
        <ButtonLink to="/" variant="secondary">
          Go to the start page
        </ButtonLink>
      </NotFound>
    );
  return (
    <div className="rounded-lg border border-border bg-surface p-6 wrap-anywhere shadow-sm">
      <h1 className="text-xl font-semibold text-foreground">
        This invitation is for another account
      </h1>
      <p className="mt-2 text-sm text-muted-foreground">
        {preview.data?.inviterName ?? "Someone"} invited{" "}
        <strong className="text-foreground">{preview.data?.email}</strong> to join{" "}
        {preview.data?.organizationName}. You are signed in as{" "}
        <strong className="text-foreground">{session.data?.email}</strong>. Sign out, then sign in
        or create an account with the invited address to accept it.
      </p>
      {switchAccount.error && (
        <div className="mt-4">
          <FormAlert>{errorMessage(switchAccount.error)}</FormAlert>
        </div>
      )}
      <div className="mt-6 flex flex-wrap gap-2">
        <Button pending={switchAccount.isPending} onClick={() => switchAccount.mutate()}>
          Sign out and switch account
        </Button>
        <ButtonLink to="/" variant="secondary">
          Stay signed in
        </ButtonLink>
      </div>
    </div>
  );
}
