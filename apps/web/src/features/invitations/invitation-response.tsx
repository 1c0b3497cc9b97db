import { idSchema } from "@guild/api/schemas/common";
import { useNavigate } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { Button, ButtonLink } from "../../components/button.tsx";
import { ErrorState, FormAlert, LoadingState, NotFound } from "../../components/states.tsx";
import { errorMessage, isNotFound } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useSession, useSignOut } from "../auth/use-auth.ts";
import { roleLabel } from "../members/role-label.ts";
import { useAcceptInvitation, useDeclineInvitation, useInvitation } from "./use-invitation.ts";

const closedMessages = {
  accepted: "This invitation was already accepted.",
  declined: "This invitation was declined.",
  revoked: "This invitation was revoked by the organization.",
} as const;

/** /invitations/$id, opened from the mail: accept or decline. Only the invited address sees it. */
export function InvitationResponse({ invitationId }: { invitationId: string }) {
  const navigate = useNavigate();
  const session = useSession();
  const signOut = useSignOut();
  const validId = idSchema.safeParse(invitationId).success;
  const invitation = useInvitation(invitationId, validId);
  const accept = useAcceptInvitation();
  const decline = useDeclineInvitation();

  let content: ReactNode;
  if (!validId || isNotFound(invitation.error)) {
    content = (
      <NotFound>
        <div className="space-y-3 text-sm text-slate-600">
          <p>
            Invitations can only be opened by the address they were sent to. You are signed in as{" "}
            <strong className="wrap-anywhere text-slate-900">{session.data?.email}</strong>.
          </p>
          <div className="flex flex-wrap justify-center gap-2">
            <Button
              variant="secondary"
              pending={signOut.isPending}
              onClick={() => signOut.mutate()}
            >
              Use another account
            </Button>
            <ButtonLink to="/" variant="ghost">
              Go to the start page
            </ButtonLink>
          </div>
        </div>
      </NotFound>
    );
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
      <div className="rounded-lg border border-slate-200 bg-white p-6 wrap-anywhere shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">Join {data.organizationName}</h1>
        <p className="mt-2 text-sm text-slate-600">
          {data.inviterName ?? "Someone"} invited{" "}
          <strong className="text-slate-900">{data.email}</strong> to join {data.organizationName}{" "}
          as {roleLabel(data.role).toLowerCase()}.
          {!closed && ` The invitation expires on ${formatDate(data.expiresAt)}.`}
        </p>
        {closed ? (
          <div className="mt-4 space-y-3">
            <p role="status" className="text-sm font-medium text-amber-800">
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
            <p role="status" className="text-sm text-slate-700">
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
