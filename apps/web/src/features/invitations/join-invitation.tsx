import { idSchema } from "@guild/api/schemas/common";
import { useQuery } from "@tanstack/react-query";
import { ButtonLink } from "../../components/button.tsx";
import { LoadingState } from "../../components/states.tsx";
import { errorMessage, errorReason, isNotFound } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthCard } from "../auth/auth-card.tsx";
import { SignUpForm } from "../auth/sign-up-form.tsx";
import { roleLabel } from "../members/role-label.ts";

/** Where answering the invitation happens once signed in. */
export const invitationPath = (invitationId: string) => `/invitations/${invitationId}`;

/**
 * /join/$id: the invitation link opened signed out. It says who invites the visitor to which
 * organization, and offers the sign-up for the invited address (locked: the invitation proves
 * it, so no verification mail) or the sign-in, both returning to the invitation.
 */
export function JoinInvitation({
  invitationId,
  linkKey,
}: {
  invitationId: string;
  linkKey: string | undefined;
}) {
  const trpc = useTRPC();
  const validId = idSchema.safeParse(invitationId).success && linkKey !== undefined;
  const preview = useQuery({
    ...trpc.invitationLink.preview.queryOptions({ id: invitationId, key: linkKey ?? "" }),
    enabled: validId,
  });
  const back = invitationPath(invitationId);

  if (!validId || preview.error) {
    const accepted = errorReason(preview.error) === "INVITATION_ACCEPTED";
    return (
      <AuthCard
        title={accepted ? "Invitation already accepted" : "This invitation cannot be used"}
        description={
          !validId || isNotFound(preview.error)
            ? "This invitation link is not valid: check the link in the mail."
            : errorMessage(preview.error)
        }
      >
        <ButtonLink
          to="/sign-in"
          search={{ redirect: accepted ? back : undefined }}
          className="w-full"
        >
          Sign in
        </ButtonLink>
      </AuthCard>
    );
  }
  if (preview.isPending)
    return (
      <main id="main" className="flex min-h-dvh items-center justify-center">
        <LoadingState label="Loading invitation…" />
      </main>
    );

  const { inviterName, organizationName, role, email } = preview.data;
  return (
    <SignUpForm
      redirect={back}
      invitation={{ id: invitationId, key: linkKey ?? "", email }}
      title={`Join ${organizationName}`}
      description={
        <>
          <strong className="text-foreground">{inviterName ?? "Someone"}</strong> invited you to
          join <strong className="text-foreground">{organizationName}</strong> on Guild as{" "}
          {roleLabel(role).toLowerCase()}. Create your account to accept.
        </>
      }
    />
  );
}
