import { can } from "@guild/api/policies/member";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useFocusAfterRemoval } from "../../lib/use-focus-after-removal.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { roleLabel } from "./role-label.ts";
import { useInvitations, useResendInvitation, useRevokeInvitation } from "./use-members.ts";

/**
 * Pending invitations (admins only): resend the mail (which also extends the expiry) or revoke,
 * for the roles the viewer manages (only owners manage invitations to admin and owner).
 */
export function InvitationsList() {
  const me = useCurrentOrganization().membership;
  const invitations = useInvitations(true);
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  // Its Revoke button went with the row: focus lands on the list's heading, not the page start.
  const afterRevoke = useFocusAfterRemoval<HTMLHeadingElement>();
  const now = Date.now();

  return (
    <section aria-labelledby="pending-invitations">
      <h3
        ref={afterRevoke.ref}
        id="pending-invitations"
        tabIndex={-1}
        className="text-sm font-semibold text-foreground outline-none"
      >
        Pending invitations
      </h3>
      {(resend.error || revoke.error) && (
        <div className="mt-2">
          <FormAlert>{errorMessage(resend.error ?? revoke.error)}</FormAlert>
        </div>
      )}
      {resend.isSuccess && (
        <p role="status" className="mt-2 text-sm text-success">
          Sent again to {resend.data.email}.
        </p>
      )}
      {invitations.isPending ? (
        <LoadingState label="Loading invitations…" />
      ) : invitations.error ? (
        <div className="mt-2">
          <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />
        </div>
      ) : invitations.data.length === 0 ? (
        <p className="mt-2 text-sm text-muted-foreground">No pending invitations.</p>
      ) : (
        <ul className="mt-2 divide-y divide-border">
          {invitations.data.map((invitation) => {
            const expired = invitation.expiresAt.getTime() <= now;
            return (
              <li key={invitation.id} className="flex flex-wrap items-center gap-3 py-3">
                {/* basis-56: on a phone the buttons wrap below instead of breaking the address. */}
                <div className="min-w-0 flex-1 basis-56">
                  <p className="text-sm font-medium wrap-anywhere text-foreground">
                    {invitation.email}
                  </p>
                  <p className="text-xs text-muted-foreground">
                    {roleLabel(invitation.role)}
                    {invitation.inviterName && ` · invited by ${invitation.inviterName}`} ·{" "}
                    {expired ? (
                      <span className="font-medium text-warning">
                        expired {formatDate(invitation.expiresAt)}
                      </span>
                    ) : (
                      `expires ${formatDate(invitation.expiresAt)}`
                    )}
                  </p>
                </div>
                {can(me, "manageInvitation", invitation) ? (
                  <div className="flex gap-1">
                    <Button
                      variant="ghost"
                      size="sm"
                      pending={resend.isPending && resend.variables.id === invitation.id}
                      onClick={() => resend.mutate({ id: invitation.id })}
                    >
                      Resend<span className="sr-only"> to {invitation.email}</span>
                    </Button>
                    <Button
                      variant="danger-ghost"
                      size="sm"
                      pending={revoke.isPending && revoke.variables.id === invitation.id}
                      onClick={() =>
                        revoke.mutate(
                          { id: invitation.id },
                          {
                            onSuccess: () => {
                              toast.success(`Revoked the invitation of ${invitation.email}.`);
                              afterRevoke.moveFocus();
                            },
                          },
                        )
                      }
                    >
                      Revoke<span className="sr-only"> the invitation of {invitation.email}</span>
                    </Button>
                  </div>
                ) : (
                  <span className="text-xs text-muted-foreground">
                    Only an owner can change this
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
