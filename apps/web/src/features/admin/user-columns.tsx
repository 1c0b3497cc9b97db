import type { RouterOutputs } from "@guild/api";
import type { ColumnDef } from "@tanstack/react-table";
import { Button } from "../../components/button.tsx";
import { formatDate, formatDateTime } from "../../lib/format.ts";

export type AdminUser = RouterOutputs["admin"]["users"]["list"]["items"][number];
export type UserAction = { kind: "ban" | "unban" | "impersonate"; user: AdminUser };

/** Banned now: a ban with no end, or an end still to come. */
export function isBannedNow(user: AdminUser, now = new Date()) {
  return user.banned && (!user.banExpires || user.banExpires > now);
}

function UserName({ user }: { user: AdminUser }) {
  return (
    <div className="min-w-0">
      <p className="font-medium wrap-anywhere text-foreground">
        {user.name}
        {user.platformAdmin && (
          <span className="ml-2 rounded bg-muted px-1.5 py-0.5 text-xs font-medium text-muted-foreground">
            Admin
          </span>
        )}
      </p>
      <p className="text-xs wrap-anywhere text-muted-foreground">{user.email}</p>
    </div>
  );
}

function Organizations({ user }: { user: AdminUser }) {
  if (user.organizations.length === 0) return <span className="text-muted-foreground">None</span>;
  return (
    <ul className="space-y-0.5">
      {user.organizations.map((o) => (
        <li key={o.id} className="wrap-anywhere">
          {o.name} <span className="text-xs text-muted-foreground">({o.role})</span>
        </li>
      ))}
    </ul>
  );
}

function Status({ user }: { user: AdminUser }) {
  if (!isBannedNow(user))
    return (
      <span className="text-muted-foreground">{user.emailVerified ? "Active" : "Unverified"}</span>
    );
  return (
    <span className="text-danger">
      Banned{user.banExpires ? ` until ${formatDateTime(user.banExpires)}` : ""}
      {user.banReason && (
        <span className="block text-xs wrap-anywhere text-muted-foreground">{user.banReason}</span>
      )}
    </span>
  );
}

function Actions({ user, onAction }: { user: AdminUser; onAction: (a: UserAction) => void }) {
  // Admins are neither banned nor impersonated from here (the API refuses it too).
  if (user.platformAdmin) return null;
  // A ban whose end has passed is still lifted by hand (the flag stays until then).
  const banned = user.banned;
  return (
    <div className="flex flex-wrap justify-end gap-1">
      {!banned && (
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Impersonate ${user.name}`}
          onClick={() => onAction({ kind: "impersonate", user })}
        >
          Impersonate
        </Button>
      )}
      <Button
        variant={banned ? "ghost" : "danger-ghost"}
        size="sm"
        aria-label={`${banned ? "Unban" : "Ban"} ${user.name}`}
        onClick={() => onAction({ kind: banned ? "unban" : "ban", user })}
      >
        {banned ? "Unban" : "Ban"}
      </Button>
    </div>
  );
}

export function userColumns(onAction: (a: UserAction) => void): ColumnDef<AdminUser>[] {
  return [
    {
      id: "name",
      header: "User",
      enableHiding: false,
      meta: { className: "min-w-[14rem]" },
      cell: ({ row }) => <UserName user={row.original} />,
    },
    {
      id: "organizations",
      header: "Organizations",
      meta: { className: "hidden @2xl:table-cell text-sm" },
      cell: ({ row }) => <Organizations user={row.original} />,
    },
    {
      id: "status",
      header: "Status",
      meta: { className: "text-sm" },
      cell: ({ row }) => <Status user={row.original} />,
    },
    {
      id: "createdAt",
      header: "Joined",
      meta: { className: "hidden whitespace-nowrap text-sm text-muted-foreground @xl:table-cell" },
      cell: ({ row }) => formatDate(row.original.createdAt),
    },
    {
      id: "actions",
      header: "Actions",
      enableHiding: false,
      meta: { className: "text-right" },
      cell: ({ row }) => <Actions user={row.original} onAction={onAction} />,
    },
  ];
}

/** A user on a phone. */
export function UserCard({
  user,
  onAction,
}: {
  user: AdminUser;
  onAction: (a: UserAction) => void;
}) {
  return (
    <>
      <UserName user={user} />
      <div className="mt-2 space-y-1 text-sm">
        <Status user={user} />
        <div className="text-xs text-muted-foreground">
          {user.organizations.map((o) => `${o.name} (${o.role})`).join(", ") || "No organization"}
          {" · joined "}
          {formatDate(user.createdAt)}
        </div>
      </div>
      <div className="mt-2">
        <Actions user={user} onAction={onAction} />
      </div>
    </>
  );
}
