import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useForgetOrganization } from "../organizations/use-organizations.ts";
import { noticeAfterNavigation } from "../shell/navigation-notice.tsx";
import { useLeaveOrganization } from "./use-members.ts";

/**
 * Leaving the organization, confirmed first: on the members screen for staff, and on the member
 * tiers screen (their membership) for everyone, plain members included, who have no directory.
 */
export function LeaveOrganization() {
  const organization = useCurrentOrganization();
  const me = organization.membership;
  const navigate = useNavigate();
  const leave = useLeaveOrganization();
  const forget = useForgetOrganization();
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    leave.reset();
  };
  return (
    <>
      <Card title="Leave this organization" tone="danger">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-muted-foreground">
            You lose access to {organization.name} until someone invites you again.
            {me.role === "owner" && " If you are the only owner, make someone else an owner first."}
          </p>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            Leave organization
          </Button>
        </div>
      </Card>
      <ConfirmDialog
        open={open}
        title={`Leave ${organization.name}?`}
        confirmLabel="Leave"
        tone="danger"
        pending={leave.isPending}
        error={leave.error ? errorMessage(leave.error) : null}
        onClose={close}
        onConfirm={() =>
          leave.mutate(undefined, {
            onSuccess: async () => {
              noticeAfterNavigation(`You left ${organization.name}.`);
              await navigate({ to: "/", replace: true });
              forget(organization.slug);
            },
          })
        }
      >
        <p>You can only come back with a new invitation.</p>
      </ConfirmDialog>
    </>
  );
}
