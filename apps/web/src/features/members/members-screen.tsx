import type { RouterOutputs } from "@guild/api";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { selectClass } from "../../components/field.tsx";
import {
  EmptyState,
  ErrorState,
  FormAlert,
  LoadingState,
  SuccessMessage,
} from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useForgetOrganization } from "../organizations/use-organizations.ts";
import { noticeAfterNavigation } from "../shell/navigation-notice.tsx";
import { InvitationsList } from "./invitations-list.tsx";
import { InviteForm } from "./invite-form.tsx";
import { MemberAvatar } from "./member-avatar.tsx";
import { MyPicture } from "./my-picture.tsx";
import { hasRole, type MemberRole, memberRoles, roleLabel } from "./roles.ts";
import {
  useChangeMemberRole,
  useLeaveOrganization,
  useMembers,
  useRemoveMember,
  useTransferOwnership,
} from "./use-members.ts";

type Member = RouterOutputs["member"]["list"][number];
type PendingAction = { kind: "remove" | "transfer"; member: Member } | { kind: "leave" } | null;

export function MembersScreen() {
  const organization = useCurrentOrganization();
  const me = organization.membership;
  const isAdmin = hasRole(me.role, "admin");
  const navigate = useNavigate();
  const members = useMembers();
  const changeRole = useChangeMemberRole();
  const removeMember = useRemoveMember();
  const transfer = useTransferOwnership();
  const leave = useLeaveOrganization();
  const forget = useForgetOrganization();
  const [pending, setPending] = useState<PendingAction>(null);
  const [removed, setRemoved] = useState<string | null>(null);

  // Admins manage people at or below their own role, never themselves (leaving is separate).
  const canManage = (member: Member) =>
    isAdmin && member.id !== me.memberId && hasRole(me.role, member.role);
  const activeMutation =
    pending?.kind === "remove"
      ? removeMember
      : pending?.kind === "transfer"
        ? transfer
        : pending?.kind === "leave"
          ? leave
          : null;
  const closeDialog = () => {
    setPending(null);
    removeMember.reset();
    transfer.reset();
    leave.reset();
  };

  return (
    <>
      <PageHeader
        title="Members"
        description={`The people of ${organization.name} and what they can do.`}
      />
      <div className="space-y-6">
        <MyPicture />
        <Card title="People">
          {members.isPending ? (
            <LoadingState label="Loading members…" />
          ) : members.error ? (
            <ErrorState error={members.error} onRetry={() => void members.refetch()} />
          ) : members.data.length === 0 ? (
            <EmptyState title="No members" />
          ) : (
            <>
              {removed && (
                <div className="mb-3 wrap-anywhere">
                  {/* The Remove button went with the row: focus lands here, not the page start. */}
                  <SuccessMessage key={removed} takeFocus>
                    Removed {removed} from {organization.name}.
                  </SuccessMessage>
                </div>
              )}
              {changeRole.error && (
                <div className="mb-3">
                  <FormAlert>{errorMessage(changeRole.error)}</FormAlert>
                </div>
              )}
              <ul className="divide-y divide-slate-100">
                {members.data.map((member) => (
                  <li key={member.id} className="flex flex-wrap items-center gap-3 py-3">
                    <MemberAvatar name={member.name} avatarUrl={member.avatarUrl} />
                    <div className="min-w-0 flex-1">
                      <p className="text-sm font-medium wrap-anywhere text-slate-900">
                        {member.name}
                        {member.id === me.memberId && (
                          <span className="ml-1 text-slate-500">(you)</span>
                        )}
                      </p>
                      {/* Wrapped, not truncated: on a phone the address and date are the point. */}
                      <p className="text-xs text-slate-600">
                        <span className="wrap-anywhere">{member.email}</span> ·{" "}
                        <span className="whitespace-nowrap">
                          joined {formatDate(member.joinedAt)}
                        </span>
                      </p>
                    </div>
                    {canManage(member) ? (
                      <div>
                        <label htmlFor={`access-${member.id}`} className="sr-only">
                          Set access for {member.name}
                        </label>
                        <select
                          id={`access-${member.id}`}
                          className={`${selectClass} w-36`}
                          value={member.role}
                          disabled={
                            changeRole.isPending && changeRole.variables.memberId === member.id
                          }
                          onChange={(e) => {
                            const role = memberRoles.find((r) => r === e.target.value);
                            if (role && role !== member.role)
                              changeRole.mutate({ memberId: member.id, role });
                          }}
                        >
                          {memberRoles
                            .filter((role: MemberRole) => hasRole(me.role, role))
                            .map((role) => (
                              <option key={role} value={role}>
                                {roleLabel(role)}
                              </option>
                            ))}
                        </select>
                      </div>
                    ) : (
                      <span className="rounded-full bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-700">
                        {roleLabel(member.role)}
                      </span>
                    )}
                    <div className="flex gap-1">
                      {me.role === "owner" && member.role !== "owner" && (
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => setPending({ kind: "transfer", member })}
                        >
                          Make owner<span className="sr-only"> {member.name}</span>
                        </Button>
                      )}
                      {canManage(member) && (
                        <Button
                          variant="danger-ghost"
                          size="sm"
                          onClick={() => setPending({ kind: "remove", member })}
                        >
                          Remove<span className="sr-only"> {member.name}</span>
                        </Button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>

        {isAdmin && (
          <Card title="Invite people" description="They get an email with a link to join.">
            <div className="space-y-6">
              <InviteForm myRole={me.role} />
              <InvitationsList />
            </div>
          </Card>
        )}

        <Card title="Leave this organization" tone="danger">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-600">
              You lose access to {organization.name} and its leads until someone invites you again.
              {me.role === "owner" &&
                " If you are the only owner, make someone else an owner first."}
            </p>
            <Button variant="secondary" onClick={() => setPending({ kind: "leave" })}>
              Leave organization
            </Button>
          </div>
        </Card>
      </div>

      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === "remove"
            ? `Remove ${pending.member.name}?`
            : pending?.kind === "transfer"
              ? `Make ${pending.member.name} the owner?`
              : `Leave ${organization.name}?`
        }
        confirmLabel={
          pending?.kind === "remove"
            ? "Remove"
            : pending?.kind === "transfer"
              ? "Transfer ownership"
              : "Leave"
        }
        tone={pending?.kind === "transfer" ? "primary" : "danger"}
        pending={activeMutation?.isPending ?? false}
        error={activeMutation?.error ? errorMessage(activeMutation.error) : null}
        onClose={closeDialog}
        onConfirm={() => {
          if (pending?.kind === "remove") {
            const { name } = pending.member;
            removeMember.mutate(
              { memberId: pending.member.id },
              {
                onSuccess: () => {
                  closeDialog();
                  setRemoved(name);
                },
              },
            );
          } else if (pending?.kind === "transfer")
            transfer.mutate({ memberId: pending.member.id }, { onSuccess: closeDialog });
          else if (pending?.kind === "leave")
            leave.mutate(undefined, {
              onSuccess: async () => {
                noticeAfterNavigation(`You left ${organization.name}.`);
                await navigate({ to: "/", replace: true });
                forget(organization.slug);
              },
            });
        }}
      >
        {pending?.kind === "remove" && (
          <p>
            They lose access to {organization.name} at once. Their leads keep their data but lose
            their owner.
          </p>
        )}
        {pending?.kind === "transfer" && (
          <p>
            {pending.member.name} becomes an owner and you become an admin. Only an owner can give
            ownership back.
          </p>
        )}
        {pending?.kind === "leave" && <p>You can only come back with a new invitation.</p>}
      </ConfirmDialog>
    </>
  );
}
