import { can } from "@guild/api/policies/member";
import { memberSortFields } from "@guild/api/schemas/member-constants";
import { useCallback, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Card, PageHeader } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ColumnsMenu } from "../../components/data-table/columns-menu.tsx";
import { DataTable } from "../../components/data-table/data-table.tsx";
import { SelectionBar } from "../../components/data-table/selection-bar.tsx";
import { useRowSelection } from "../../components/data-table/use-row-selection.ts";
import { LoadOnScroll } from "../../components/load-on-scroll.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { errorMessage, errorReason } from "../../lib/errors.ts";
import { useFocusAfterRemoval } from "../../lib/use-focus-after-removal.ts";
import { useRefusalToast } from "../billing/refusal-toast.ts";
import { useHiddenColumns } from "../data-table/use-table-preference.ts";
import { BanDialog } from "../moderation/ban-dialog.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useShortcut } from "../shell/shortcuts.tsx";
import { InvitationsList } from "./invitations-list.tsx";
import { InviteForm } from "./invite-form.tsx";
import { LeaveOrganization } from "./leave-organization.tsx";
import { MemberBulkActions } from "./member-bulk-actions.tsx";
import {
  type MemberAction,
  MemberCard,
  type MemberRow,
  memberColumnLabels,
  memberColumns,
  memberColumnsFor,
} from "./member-columns.tsx";
import { MemberFilters } from "./member-filters.tsx";
import {
  type MemberListSearch,
  memberListFilter,
  memberListInput,
  memberListSort,
} from "./member-list-search.ts";
import { MyPicture } from "./my-picture.tsx";
import {
  useMemberCount,
  useMemberDirectory,
  useRemoveMember,
  useTransferOwnership,
} from "./use-members.ts";

type PendingAction = MemberAction | null;

export function MembersScreen({
  search,
  onSearchChange,
}: {
  search: MemberListSearch;
  onSearchChange: (next: MemberListSearch) => void;
}) {
  const organization = useCurrentOrganization();
  const me = organization.membership;
  const isAdmin = can(me, "listInvitations");
  const filter = memberListFilter(search);
  const input = memberListInput(search);
  const members = useMemberDirectory(input);
  const count = useMemberCount(filter);
  const columnChoice = useHiddenColumns("members");
  const removeMember = useRemoveMember();
  const transfer = useTransferOwnership();
  const refusal = useRefusalToast();
  const [pending, setPending] = useState<PendingAction>(null);
  // The Remove button went with the row: focus lands on the search, not the page start.
  const afterRemoval = useFocusAfterRemoval<HTMLInputElement>();
  useShortcut("/", "Search members", () => document.getElementById("member-search")?.focus());
  const results = useRef<HTMLElement>(null);
  // From anywhere on the page into the table; on a row, the row's own keys take over.
  useShortcut("j", "Go to the member rows (then j/k move, x selects)", () =>
    results.current?.querySelector<HTMLElement>('[data-row-index][tabindex="0"]')?.focus(),
  );

  const people = useMemo(
    () => members.data?.pages.flatMap((page) => page.items) ?? [],
    [members.data],
  );
  const loadedIds = useMemo(() => people.map((member) => member.id), [people]);
  const selection = useRowSelection(loadedIds, JSON.stringify(filter));
  const available = memberColumnsFor(me);
  const hidden = columnChoice.hidden;
  const columns = useMemo(() => memberColumns(me, hidden, setPending), [me, hidden]);
  const renderCard = useCallback(
    (member: MemberRow) => (
      <MemberCard me={me} member={member} hidden={hidden} onAction={setPending} />
    ),
    [me, hidden],
  );
  const order = memberListSort(search);
  const sort = { column: order.sort, desc: order.order === "desc" };
  const total = count.data?.total ?? people.length;
  const filtered = Boolean(search.q || search.role?.length);

  const activeMutation =
    pending?.kind === "remove" ? removeMember : pending?.kind === "transfer" ? transfer : null;
  const closeDialog = () => {
    setPending(null);
    removeMember.reset();
    transfer.reset();
  };

  return (
    <>
      <PageHeader
        title="Members"
        description={`The people of ${organization.name} and what they can do.`}
      />
      <div className="space-y-6">
        <MyPicture />
        <section aria-labelledby="people-heading" className="space-y-4">
          <h2 id="people-heading" className="text-base font-semibold text-foreground">
            People
          </h2>
          <MemberFilters
            search={search}
            onChange={onSearchChange}
            withEmail={isAdmin}
            searchRef={afterRemoval.ref}
          />
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-muted-foreground" aria-live="polite">
              {count.data
                ? `${count.data.total.toLocaleString("en")} ${count.data.total === 1 ? "member" : "members"}`
                : "\u00a0"}
            </p>
            <ColumnsMenu
              columns={available.map((id) => ({ id, label: memberColumnLabels[id] }))}
              hidden={hidden}
              onChange={columnChoice.setHidden}
            />
          </div>
          {isAdmin && (
            <SelectionBar
              selection={selection}
              loaded={people.length}
              total={total}
              capped={false}
              noun={(n) => (n === 1 ? "member" : "members")}
            >
              <MemberBulkActions
                filter={filter}
                selection={selection}
                total={total}
                myRole={me.role}
              />
            </SelectionBar>
          )}
          <section ref={results} tabIndex={-1} aria-label="Member list" className="outline-none">
            {members.isPending || !columnChoice.settled ? (
              <LoadingState label="Loading members…" />
            ) : members.error && !members.data ? (
              <ErrorState error={members.error} onRetry={() => void members.refetch()} />
            ) : people.length === 0 ? (
              <EmptyState title={filtered ? "No one matches these filters" : "No members"}>
                {filtered ? "Try another search or clear the filters." : null}
              </EmptyState>
            ) : (
              <DataTable
                label={`Members, ${sortCaption(sort)}`}
                rows={people}
                columns={columns}
                rowId={memberId}
                rowName={memberName}
                hiddenColumns={hidden}
                sort={sort}
                onSortChange={(next) => {
                  const field = memberSortFields.find((f) => f === next.column);
                  if (field)
                    onSearchChange({ ...search, sort: field, dir: next.desc ? "desc" : "asc" });
                }}
                selection={isAdmin ? selection : undefined}
                renderCard={renderCard}
                updating={members.isPlaceholderData}
              />
            )}
          </section>
          {members.hasNextPage && !members.isPlaceholderData && (
            <LoadOnScroll
              loading={members.isFetchingNextPage}
              error={members.isFetchNextPageError}
              noun="members"
              onLoadMore={() => void members.fetchNextPage()}
            />
          )}
        </section>

        {isAdmin && (
          <Card title="Invite people" description="They get an email with a link to join.">
            <div className="space-y-6">
              <InviteForm myRole={me.role} autoFocus={search.invite === true} />
              <InvitationsList />
            </div>
          </Card>
        )}

        <LeaveOrganization />
      </div>

      {pending?.kind === "ban" && (
        <BanDialog
          member={pending.member}
          onClose={() => setPending(null)}
          onBanned={() => afterRemoval.moveFocus()}
        />
      )}
      <ConfirmDialog
        open={pending?.kind === "remove" || pending?.kind === "transfer"}
        title={
          pending?.kind === "remove"
            ? `Remove ${pending.member.name}?`
            : pending?.kind === "transfer"
              ? `Make ${pending.member.name} the owner?`
              : ""
        }
        confirmLabel={pending?.kind === "remove" ? "Remove" : "Transfer ownership"}
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
            transfer.mutate(
              { id: pending.member.id },
              {
                onSuccess: closeDialog,
                // The new owner would take a staff seat the plan does not have: the refusal
                // with "See plans", as other plan limits are refused, instead of a dead end.
                onError: (error) => {
                  if (errorReason(error) !== "PLAN_LIMIT") return;
                  closeDialog();
                  refusal("Could not transfer ownership", error);
                },
              },
            );
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
      </ConfirmDialog>
    </>
  );
}

const memberId = (member: MemberRow) => member.id;
const memberName = (member: MemberRow) => member.name;

function sortCaption(sort: { column: string; desc: boolean }): string {
  const field =
    { name: "name", email: "email", role: "role", joinedAt: "joining date" }[sort.column] ??
    sort.column;
  return `sorted by ${field}, ${sort.desc ? "descending" : "ascending"}`;
}
