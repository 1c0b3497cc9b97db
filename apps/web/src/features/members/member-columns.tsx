import type { RouterOutputs } from "@guild/api";
import { hasCrmAccess } from "@guild/api/policies/lead";
import { can } from "@guild/api/policies/member";
import type { PolicyActor as MemberActor } from "@guild/api/policies/policy";
import type { MemberTableColumn } from "@guild/api/schemas/member-constants";
import { manageableRoles, memberRoles } from "@guild/db/enums";
import { Link } from "@tanstack/react-router";
import type { ColumnDef } from "@tanstack/react-table";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { selectClass } from "../../components/field.tsx";
import { formatDate } from "../../lib/format.ts";
import { useRefusalToast } from "../billing/refusal-toast.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { MemberAvatar } from "./member-avatar.tsx";
import { roleLabel } from "./role-label.ts";
import { useChangeMemberRole, useSetCrmAccess } from "./use-members.ts";

export type MemberRow = RouterOutputs["member"]["list"]["items"][number];

/** What a row's buttons ask the screen to confirm. */
export type MemberAction = { kind: "remove" | "transfer" | "ban"; member: MemberRow };

/** The columns a person can hide, in the order the menu lists them (ids from the API's list). */
export const memberColumnLabels: Record<MemberTableColumn, string> = {
  email: "Email",
  role: "Role",
  crmAccess: "CRM access",
  joinedAt: "Joined",
};

/** The columns this person's table has: emails and CRM grants are for admins' eyes. */
export function memberColumnsFor(me: MemberActor): MemberTableColumn[] {
  return can(me, "seeContactDetails")
    ? ["email", "role", "crmAccess", "joinedAt"]
    : ["role", "joinedAt"];
}

/** The API's own member policy: only owners manage admins, admins the roles below them, and
 * nobody manages themselves here (leaving is separate). */
function manages(me: MemberActor, member: MemberRow) {
  return member.id !== me.memberId && can(me, "manage", { target: member });
}

/** Picture, name (with "(you)") and, for admins, the address: the table's first column. */
function MemberName({
  me,
  member,
  emailClass = "",
}: {
  me: MemberActor;
  member: MemberRow;
  /** Where the address under the name gives way to its own column ("@2xl:hidden"). */
  emailClass?: string;
}) {
  const organization = useCurrentOrganization();
  const name = member.displayName ?? member.name;
  return (
    <div className="flex min-w-0 items-center gap-3">
      <span className="relative shrink-0">
        <MemberAvatar name={name} avatarUrl={member.avatarUrl} />
        {member.online && (
          <span
            role="img"
            aria-label="Online"
            className="absolute right-0 bottom-0 size-2.5 rounded-full bg-success-solid ring-2 ring-surface"
          />
        )}
      </span>
      <div className="min-w-0">
        {/* Wrapped, not truncated: on a phone the name and address are the point. */}
        <p className="text-sm font-medium wrap-anywhere text-foreground">
          {member.username ? (
            <Link
              to="/o/$slug/u/$username"
              params={{ slug: organization.slug, username: member.username }}
              className="hover:underline"
            >
              {name}
            </Link>
          ) : (
            name
          )}
          {member.id === me.memberId && <span className="ml-1 text-muted-foreground">(you)</span>}
        </p>
        {member.username && (
          <p className="text-xs wrap-anywhere text-muted-foreground">
            @{member.username}
            {member.headline && <span> · {member.headline}</span>}
          </p>
        )}
        {member.email && (
          <p className={`text-xs wrap-anywhere text-muted-foreground ${emailClass}`}>
            {member.email}
          </p>
        )}
      </div>
    </div>
  );
}

/** The role: a select where the viewer manages the member, a badge otherwise. */
function RoleControl({ me, member }: { me: MemberActor; member: MemberRow }) {
  const changeRole = useChangeMemberRole();
  const refused = useRefusalToast();
  if (!manages(me, member))
    return (
      <span className="inline-block rounded-full bg-muted px-2.5 py-1 text-xs font-medium whitespace-nowrap text-foreground">
        {roleLabel(member.role)}
      </span>
    );
  return (
    <div>
      <label htmlFor={`access-${member.id}`} className="sr-only">
        Role of {member.name}
      </label>
      <select
        id={`access-${member.id}`}
        className={`${selectClass} w-36`}
        value={member.role}
        disabled={changeRole.isPending}
        onChange={(e) => {
          const role = memberRoles.find((r) => r === e.target.value);
          if (role && role !== member.role)
            changeRole.mutate(
              { id: member.id, role },
              {
                onError: (error) => refused(`Could not change the role of ${member.name}`, error),
              },
            );
        }}
      >
        {manageableRoles(me.role).map((role) => (
          <option key={role} value={role}>
            {roleLabel(role)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** CRM access: a checkbox where the viewer may grant it, a note where the role gives it. */
function CrmControl({ me, member }: { me: MemberActor; member: MemberRow }) {
  const setCrm = useSetCrmAccess();
  const refused = useRefusalToast();
  // What the box shows while its change is on its way, set in the click's own event: the
  // mutation's state arrives a tick later, and the box would flip back for a moment meanwhile.
  // Cleared once the refetched list has the saved value (or the toast says why not).
  const [draft, setDraft] = useState<boolean | null>(null);
  if (can(me, "setCrmAccess", { target: member }))
    return (
      <label className="flex items-center gap-2 text-sm whitespace-nowrap text-foreground">
        <input
          type="checkbox"
          className="size-4 rounded border-input"
          checked={draft ?? member.crmAccess === true}
          disabled={draft !== null}
          onChange={(event) => {
            setDraft(event.target.checked);
            setCrm.mutate(
              { id: member.id, crmAccess: event.target.checked },
              {
                onError: (error) => refused("Could not change the CRM access", error),
                onSettled: () => setDraft(null),
              },
            );
          }}
        />
        CRM access<span className="sr-only"> for {member.name}</span>
      </label>
    );
  return hasCrmAccess({ ...member, memberId: member.id, crmAccess: member.crmAccess === true }) ? (
    <span className="text-xs whitespace-nowrap text-muted-foreground">CRM access</span>
  ) : (
    <span className="text-xs text-muted-foreground">—</span>
  );
}

/** Make owner, Remove and Ban, where the viewer may. */
function MemberActions({
  me,
  member,
  onAction,
}: {
  me: MemberActor;
  member: MemberRow;
  onAction: (action: MemberAction) => void;
}) {
  return (
    <div className="flex flex-wrap justify-end gap-1">
      {member.role !== "owner" && can(me, "transferOwnership", { target: member }) && (
        <Button variant="ghost" size="sm" onClick={() => onAction({ kind: "transfer", member })}>
          Make owner<span className="sr-only"> {member.name}</span>
        </Button>
      )}
      {manages(me, member) && (
        <Button
          variant="danger-ghost"
          size="sm"
          onClick={() => onAction({ kind: "remove", member })}
        >
          Remove<span className="sr-only"> {member.name}</span>
        </Button>
      )}
      {can(me, "ban", { target: member }) && (
        <Button variant="danger-ghost" size="sm" onClick={() => onAction({ kind: "ban", member })}>
          Ban<span className="sr-only"> {member.name}</span>
        </Button>
      )}
    </div>
  );
}

/**
 * The members table's columns. Their ids are the API's sort fields where the server sorts by
 * them (name, email, role, joinedAt) and the names a hidden-columns preference stores.
 */
export function memberColumns(
  me: MemberActor,
  hidden: readonly string[],
  onAction: (action: MemberAction) => void,
): ColumnDef<MemberRow>[] {
  const column = (
    id: MemberTableColumn,
    definition: Omit<ColumnDef<MemberRow>, "id" | "header">,
  ): ColumnDef<MemberRow> => ({ id, header: memberColumnLabels[id], ...definition });
  const all: ColumnDef<MemberRow>[] = [
    {
      id: "name",
      header: "Name",
      enableHiding: false,
      enableSorting: true,
      meta: { firstSort: "asc", className: "min-w-[12rem]" },
      // The address shows under the name until its own column appears (hidden or too narrow).
      cell: ({ row }) => (
        <MemberName
          me={me}
          member={row.original}
          emailClass={hidden.includes("email") ? "" : "@2xl:hidden"}
        />
      ),
    },
    column("email", {
      enableSorting: true,
      meta: { firstSort: "asc", className: "hidden max-w-[16rem] truncate @2xl:table-cell" },
      cell: ({ row }) => row.original.email ?? "—",
    }),
    column("role", {
      enableSorting: true,
      meta: { firstSort: "asc" },
      cell: ({ row }) => <RoleControl me={me} member={row.original} />,
    }),
    column("crmAccess", {
      meta: { className: "hidden @3xl:table-cell" },
      cell: ({ row }) => <CrmControl me={me} member={row.original} />,
    }),
    column("joinedAt", {
      enableSorting: true,
      meta: {
        firstSort: "desc",
        className: "hidden whitespace-nowrap text-muted-foreground @xl:table-cell",
      },
      cell: ({ row }) => formatDate(row.original.joinedAt),
    }),
    {
      id: "actions",
      header: "Actions",
      enableHiding: false,
      meta: { className: "text-right" },
      cell: ({ row }) => <MemberActions me={me} member={row.original} onAction={onAction} />,
    },
  ];
  const available: readonly string[] = memberColumnsFor(me);
  return all.filter((c) => c.id === "name" || c.id === "actions" || available.includes(c.id ?? ""));
}

/** A member on a phone: what the row says, stacked, controls below the name (never beside it). */
export function MemberCard({
  me,
  member,
  hidden,
  onAction,
}: {
  me: MemberActor;
  member: MemberRow;
  hidden: readonly string[];
  onAction: (action: MemberAction) => void;
}) {
  const shows = (id: MemberTableColumn) => !hidden.includes(id);
  return (
    <>
      <MemberName me={me} member={shows("email") ? member : { ...member, email: null }} />
      {shows("joinedAt") && (
        <p className="mt-1 text-xs text-muted-foreground">joined {formatDate(member.joinedAt)}</p>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2">
        {shows("role") && <RoleControl me={me} member={member} />}
        {shows("crmAccess") && member.crmAccess !== null && <CrmControl me={me} member={member} />}
        <div className="ml-auto">
          <MemberActions me={me} member={member} onAction={onAction} />
        </div>
      </div>
    </>
  );
}
