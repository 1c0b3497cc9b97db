import type { RouterOutputs } from "@guild/api";
import { hasCrmAccess } from "@guild/api/policies/lead";
import { can } from "@guild/api/policies/member";
import { manageableRoles, memberRoles } from "@guild/db/enums";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { inputClass, selectClass } from "../../components/field.tsx";
import { EmptyState, ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";
import { useFocusAfterRemoval } from "../../lib/use-focus-after-removal.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useForgetOrganization } from "../organizations/use-organizations.ts";
import { noticeAfterNavigation } from "../shell/navigation-notice.tsx";
import { useShortcut } from "../shell/shortcuts.tsx";
import { InvitationsList } from "./invitations-list.tsx";
import { InviteForm } from "./invite-form.tsx";
import { MemberAvatar } from "./member-avatar.tsx";
import { MyPicture } from "./my-picture.tsx";
import { roleLabel } from "./role-label.ts";
import {
  useChangeMemberRole,
  useLeaveOrganization,
  useMemberDirectory,
  useRemoveMember,
  useSetCrmAccess,
  useTransferOwnership,
} from "./use-members.ts";

type Member = RouterOutputs["member"]["list"]["items"][number];
type PendingAction = { kind: "remove" | "transfer"; member: Member } | { kind: "leave" } | null;

export function MembersScreen({
  initialQuery = "",
  invite = false,
}: {
  initialQuery?: string | undefined;
  invite?: boolean;
}) {
  const organization = useCurrentOrganization();
  const me = organization.membership;
  const isAdmin = can(me, "listInvitations");
  const navigate = useNavigate();
  const [query, setQuery] = useState(initialQuery);
  // Another member picked in the palette while this screen is open searches anew.
  const [shownQuery, setShownQuery] = useState(initialQuery);
  if (shownQuery !== initialQuery) {
    setShownQuery(initialQuery);
    setQuery(initialQuery);
  }
  const search = useDebouncedValue(query.trim(), 250);
  const members = useMemberDirectory({ limit: 50, ...(search ? { search } : {}) });
  const changeRole = useChangeMemberRole();
  const setCrm = useSetCrmAccess();
  // What a CRM checkbox shows while its change is on its way, set in the click's own event: the
  // mutation's state arrives a tick later, and the box would flip back for a moment meanwhile.
  // Cleared once the refetched list has the saved value (or the error above says why not).
  const [crmDraft, setCrmDraft] = useState<{ id: string; crmAccess: boolean } | null>(null);
  const removeMember = useRemoveMember();
  const transfer = useTransferOwnership();
  const leave = useLeaveOrganization();
  const forget = useForgetOrganization();
  const [pending, setPending] = useState<PendingAction>(null);
  // The Remove button went with the row: focus lands on the search, not the page start.
  const afterRemoval = useFocusAfterRemoval<HTMLInputElement>();
  useShortcut("/", "Search members", () => document.getElementById("member-search")?.focus());

  // The API's own member policy: only owners manage admins, admins the roles below them, and
  // nobody manages themselves here (leaving is separate).
  const canManage = (member: Member) =>
    member.id !== me.memberId && can(me, "manage", { target: member });
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
  const people = members.data?.pages.flatMap((page) => page.items) ?? [];
  const mutationError = changeRole.error ?? setCrm.error;

  return (
    <>
      <PageHeader
        title="Members"
        description={`The people of ${organization.name} and what they can do.`}
      />
      <div className="space-y-6">
        <MyPicture />
        <Card title="People">
          <div className="mb-3 max-w-sm">
            <label htmlFor="member-search" className="block text-sm font-medium text-foreground">
              Search
            </label>
            <input
              ref={afterRemoval.ref}
              id="member-search"
              type="search"
              className={`${inputClass} mt-1`}
              placeholder={isAdmin ? "Name or email" : "Name"}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          {mutationError && (
            <div className="mb-3">
              <FormAlert>{errorMessage(mutationError)}</FormAlert>
            </div>
          )}
          {members.isPending ? (
            <LoadingState label="Loading members…" />
          ) : members.error ? (
            <ErrorState error={members.error} onRetry={() => void members.refetch()} />
          ) : people.length === 0 ? (
            <EmptyState title={search ? `No one matches “${search}”` : "No members"} />
          ) : (
            <>
              <ul className="divide-y divide-border" aria-busy={members.isFetching}>
                {people.map((member) => (
                  <li key={member.id} className="flex flex-wrap items-center gap-3 py-3">
                    <MemberAvatar name={member.name} avatarUrl={member.avatarUrl} />
                    {/* basis-56: on a phone the controls wrap below rather than squeezing the
                        name and address to a few letters a line. */}
                    <div className="min-w-0 flex-1 basis-56">
                      <p className="text-sm font-medium wrap-anywhere text-foreground">
                        {member.name}
                        {member.id === me.memberId && (
                          <span className="ml-1 text-muted-foreground">(you)</span>
                        )}
                      </p>
                      {/* Wrapped, not truncated: on a phone the address and date are the point. */}
                      <p className="text-xs text-muted-foreground">
                        {member.email && (
                          <>
                            <span className="wrap-anywhere">{member.email}</span> ·{" "}
                          </>
                        )}
                        <span className="whitespace-nowrap">
                          joined {formatDate(member.joinedAt)}
                        </span>
                      </p>
                    </div>
                    {can(me, "setCrmAccess", { target: member }) ? (
                      <label className="flex items-center gap-2 text-sm text-foreground">
                        <input
                          type="checkbox"
                          className="size-4 rounded border-input"
                          checked={
                            crmDraft?.id === member.id
                              ? crmDraft.crmAccess
                              : member.crmAccess === true
                          }
                          disabled={crmDraft?.id === member.id}
                          onChange={(event) => {
                            const change = { id: member.id, crmAccess: event.target.checked };
                            setCrmDraft(change);
                            setCrm.mutate(change, { onSettled: () => setCrmDraft(null) });
                          }}
                        />
                        CRM access<span className="sr-only"> for {member.name}</span>
                      </label>
                    ) : (
                      isAdmin &&
                      hasCrmAccess({
                        ...member,
                        memberId: member.id,
                        crmAccess: member.crmAccess === true,
                      }) && <span className="text-xs text-muted-foreground">CRM access</span>
                    )}
                    {canManage(member) ? (
                      <div>
                        <label htmlFor={`access-${member.id}`} className="sr-only">
                          Role of {member.name}
                        </label>
                        <select
                          id={`access-${member.id}`}
                          className={`${selectClass} w-36`}
                          value={member.role}
                          disabled={changeRole.isPending && changeRole.variables.id === member.id}
                          onChange={(e) => {
                            const role = memberRoles.find((r) => r === e.target.value);
                            if (role && role !== member.role)
                              changeRole.mutate({ id: member.id, role });
                          }}
                        >
                          {manageableRoles(me.role).map((role) => (
                            <option key={role} value={role}>
                              {roleLabel(role)}
                            </option>
                          ))}
                        </select>
                      </div>
                    ) : (
                      <span className="rounded-full bg-muted px-2.5 py-1 text-xs font-medium text-foreground">
                        {roleLabel(member.role)}
                      </span>
                    )}
                    <div className="flex gap-1">
                      {member.role !== "owner" &&
                        can(me, "transferOwnership", { target: member }) && (
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
              {members.hasNextPage && (
                <div className="mt-3">
                  <Button
                    variant="secondary"
                    size="sm"
                    pending={members.isFetchingNextPage}
                    onClick={() => void members.fetchNextPage()}
                  >
                    Show more members
                  </Button>
                </div>
              )}
            </>
          )}
        </Card>

        {isAdmin && (
          <Card title="Invite people" description="They get an email with a link to join.">
            <div className="space-y-6">
              <InviteForm myRole={me.role} autoFocus={invite} />
              <InvitationsList />
            </div>
          </Card>
        )}

        <Card title="Leave this organization" tone="danger">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-muted-foreground">
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
              { id: pending.member.id },
              {
                onSuccess: () => {
                  closeDialog();
                  toast.success(`Removed ${name} from ${organization.name}.`);
                  afterRemoval.moveFocus();
                },
              },
            );
          } else if (pending?.kind === "transfer")
            transfer.mutate({ id: pending.member.id }, { onSuccess: closeDialog });
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
