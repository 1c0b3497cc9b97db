import {
  and,
  eq,
  file,
  hasRole,
  inArray,
  isOnline,
  type MemberActor,
  type MemberRole,
  managesRole,
  member,
  memberProfile,
  memberRoles,
  or,
  type SQL,
  searchMatches,
  searchWords,
  sql,
  type TenantScope,
  user,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { hasCrmAccessByRole } from "../policies/lead.ts";
import { can } from "../policies/member.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  listMembersInput,
  MemberCursor,
  MemberSortField,
  memberFilter,
} from "../schemas/member.ts";
import { recordActivity } from "./activity.ts";
import { avatarOf, avatarUrl } from "./avatar.ts";
import { releaseSeatsOf } from "./event-rsvp.ts";
import { revokeInvitationsAbove } from "./invitation.ts";
import { queueSeatSync } from "./organization-plan.ts";
import { becomesStaff, requireSeatIn } from "./seats.ts";

/** The member acting in this scope: membership changes are made by members, never the system. */
export function actingMember(scope: TenantScope): MemberActor {
  if (scope.actor.kind !== "member")
    throw new AppError("FORBIDDEN", "Only a member of the organization can do this");
  return scope.actor;
}

const memberTarget = (id: string) => ({ type: "member", id });

/**
 * Holds the acting member's row (FOR SHARE) until the transaction ends, and returns the scope
 * with the role and CRM access read under that lock; null when the member is gone. A removal or
 * demotion (which updates or deletes the row) then waits for this transaction, so its clean-up
 * sees what this one wrote; this transaction, if it comes second, sees the new role. Used by
 * roleProcedure for mutations (trpc.ts).
 */
export async function holdMembership(scope: TenantScope): Promise<TenantScope | null> {
  const actor = actingMember(scope);
  const [row] = await scope.db
    .select({ role: member.role, crmAccess: member.crmAccess })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, actor.memberId)))
    .for("share");
  if (!row) return null;
  return { ...scope, actor: { ...actor, role: row.role, crmAccess: row.crmAccess } };
}

/** The roles whose holders may own leads (the CRM's staff by role), from the lead policy. */
const crmRoles = memberRoles.filter(hasCrmAccessByRole);

/** Columns of the directory; email and CRM grant only for those who may see them. */
function directoryColumns(scope: TenantScope) {
  const details = scope.actor.kind === "member" && can(scope.actor, "seeContactDetails");
  return {
    id: member.id,
    name: user.name,
    image: user.image,
    role: member.role,
    joinedAt: member.createdAt,
    email: details ? user.email : sql<string | null>`null`,
    crmAccess: details ? member.crmAccess : sql<boolean | null>`null`,
    avatarFileId: file.id,
    username: memberProfile.username,
    displayName: memberProfile.displayName,
    headline: memberProfile.headline,
    lastSeenAt: memberProfile.lastSeenAt,
  };
}

/** Members with their user and their picture (at most one: file_one_avatar_per_member). */
function directory(scope: TenantScope) {
  return (
    scope.db
      .select(directoryColumns(scope))
      .from(member)
      .innerJoin(user, eq(user.id, member.userId))
      // Every membership has a profile (migration 0044's trigger): left only so that a directory
      // row never depends on it.
      .leftJoin(
        memberProfile,
        and(
          eq(memberProfile.organizationId, member.organizationId),
          eq(memberProfile.memberId, member.id),
        ),
      )
      .leftJoin(file, avatarOf(member.organizationId, member.id))
  );
}

/** A directory row with its picture's stable URL and whether the member is online. */
function withAvatarUrl<T extends { avatarFileId: string | null; lastSeenAt: Date | null }>(
  scope: TenantScope,
  row: T,
) {
  return {
    ...row,
    avatarUrl: avatarUrl(scope.organizationId, row.avatarFileId),
    online: isOnline(row.lastSeenAt, scope.now()),
  };
}

/**
 * Whether a member matches a search, through the platform's search terms (search_term, migration
 * 0017): every word typed is a prefix of a word of their name, or of their email for those who
 * may see emails ('member_email'), so a search cannot reveal what the directory hides. One probe
 * of search_term's key per word and member; the directory has no index in name order yet, so a
 * page reads the organization's members (fine for thousands; a sort key on member is the next
 * step for communities of hundreds of thousands).
 */
function matches(scope: TenantScope, search: string, withEmail: boolean): SQL {
  return searchMatches({
    kinds: withEmail ? ["member", "member_email"] : ["member"],
    words: searchWords(sql`${search}`),
    organizationId: sql`${scope.organizationId}::uuid`,
    targetId: member.id,
  });
}

/** Role rank as a number (owner first), for sorting: the column is text. */
const roleRank = (role: SQL) =>
  sql`array_position(array[${sql.raw(memberRoles.map((r) => `'${r}'`).join(","))}]::text[], ${role})`;

/**
 * Each sort's key, and the same key computed from a cursor's text value. Joining time is cut to
 * milliseconds: a cursor carries a JavaScript time, and must compare equal to the row it names.
 */
const sortKeys: Record<MemberSortField, { key: SQL; fromCursor: (value: string) => SQL }> = {
  name: { key: sql`lower(${user.name})`, fromCursor: (v) => sql`lower(${v})` },
  email: { key: sql`lower(${user.email})`, fromCursor: (v) => sql`lower(${v})` },
  role: { key: roleRank(sql`${member.role}`), fromCursor: (v) => roleRank(sql`${v}::text`) },
  joinedAt: {
    key: sql`date_trunc('milliseconds', ${member.createdAt})`,
    fromCursor: (v) => sql`${v}::timestamptz`,
  },
};

/** The conditions of a directory filter (search, roles), shared by the list, count and bulk. */
export function memberFilterConditions(
  scope: TenantScope,
  filter: z.output<typeof memberFilter>,
): SQL[] {
  const details = scope.actor.kind === "member" && can(scope.actor, "seeContactDetails");
  const where: SQL[] = [eq(member.organizationId, scope.organizationId)];
  if (filter.search) where.push(matches(scope, filter.search, details));
  if (filter.role?.length) where.push(inArray(member.role, filter.role));
  return where;
}

/**
 * The member directory, keyset-paginated (never OFFSET) in name order or the chosen sort. Every
 * member sees names, avatars and roles; admins also see emails and CRM grants, search by email
 * and sort by it (for others an email order would tell what the directory hides).
 */
export async function listMembers(scope: TenantScope, input: z.output<typeof listMembersInput>) {
  const details = scope.actor.kind === "member" && can(scope.actor, "seeContactDetails");
  if (input.sort === "email" && !details)
    throw new AppError("FORBIDDEN", "Only admins and owners see email addresses", {
      field: "sort",
    });
  const where = memberFilterConditions(scope, input);
  if (input.crmStaff) {
    const staff = or(inArray(member.role, crmRoles), eq(member.crmAccess, true));
    if (staff) where.push(staff);
  }
  const { key, fromCursor } = sortKeys[input.sort];
  const desc = input.order === "desc";
  if (input.cursor)
    where.push(
      sql`(${key}, ${member.id}) ${sql.raw(desc ? "<" : ">")} (${fromCursor(input.cursor.value)}, ${input.cursor.id}::uuid)`,
    );
  const rows = await directory(scope)
    .where(and(...where))
    .orderBy(...(desc ? [sql`${key} desc`, sql`${member.id} desc`] : [key, member.id]))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map((row) => withAvatarUrl(scope, row));
  const last = items[items.length - 1];
  const nextCursor: MemberCursor | null =
    rows.length > input.limit && last
      ? { value: cursorValue(input.sort, last), id: last.id }
      : null;
  return { items, nextCursor };
}

function cursorValue(
  sort: MemberSortField,
  row: { name: string; email: string | null; role: MemberRole; joinedAt: Date },
): string {
  if (sort === "joinedAt") return row.joinedAt.toISOString();
  if (sort === "email") return row.email ?? "";
  if (sort === "role") return row.role;
  return row.name;
}

/** How many members the filter matches (the table's total and "select all N matching"). */
export async function countMembers(scope: TenantScope, filter: z.output<typeof memberFilter>) {
  const [row] = await scope.db
    .select({ total: sql<number>`count(*)::int` })
    .from(member)
    .where(and(...memberFilterConditions(scope, filter)));
  return { total: row?.total ?? 0 };
}

/** One member as the directory shows them to this actor. */
export async function getMember(scope: TenantScope, memberId: string) {
  const [row] = await directory(scope).where(
    and(eq(member.organizationId, scope.organizationId), eq(member.id, memberId)),
  );
  if (!row) throw notFound("Member");
  return withAvatarUrl(scope, row);
}

/** The acting member's picture, for the header: its file id and stable URL. */
export async function myAvatar(scope: TenantScope) {
  const actor = actingMember(scope);
  const [row] = await scope.db
    .select({ id: file.id })
    .from(file)
    .where(
      and(
        eq(file.organizationId, scope.organizationId),
        eq(file.memberId, actor.memberId),
        eq(file.purpose, "avatar"),
        eq(file.status, "ready"),
      ),
    );
  return {
    avatarFileId: row?.id ?? null,
    avatarUrl: avatarUrl(scope.organizationId, row?.id ?? null),
  };
}

export interface LockedMember {
  id: string;
  role: MemberRole;
  userId: string;
  crmAccess: boolean;
}

/**
 * Locks, in one statement and in id order, every row a membership change depends on: all owners,
 * the actor and the target. One fixed order makes concurrent changes (two owners demoting each
 * other) queue instead of deadlocking, and the actor's role is read again under the lock: it may
 * have changed since the request's membership check. The target is undefined when the id names
 * no member here: the caller refuses what the actor may not do whatever the id first, so that a
 * missing id and an existing one get the same answer, then NOT_FOUND (targetOf).
 */
export async function lockMembers(
  scope: TenantScope,
  actorMemberId: string,
  targetMemberId?: string,
) {
  const { db: tx, organizationId } = scope;
  const ids = targetMemberId ? [actorMemberId, targetMemberId] : [actorMemberId];
  const rows: LockedMember[] = await tx
    .select({
      id: member.id,
      role: member.role,
      userId: member.userId,
      crmAccess: member.crmAccess,
    })
    .from(member)
    .where(
      and(
        eq(member.organizationId, organizationId),
        or(eq(member.role, "owner"), inArray(member.id, ids)),
      ),
    )
    .orderBy(member.id)
    .for("update");
  const actor = rows.find((row) => row.id === actorMemberId);
  if (!actor) throw new AppError("FORBIDDEN", "You are no longer a member of this organization");
  const target = targetMemberId ? rows.find((row) => row.id === targetMemberId) : actor;
  const owners = rows.filter((row) => row.role === "owner").map((row) => row.id);
  return { actor: { ...actor, memberId: actor.id }, target, owners };
}

/** "an admin", "a member". */
const withArticle = (role: MemberRole) =>
  `${role === "admin" || role === "owner" ? "an" : "a"} ${role}`;

/** Why `actor` may not give `role` to anyone (single and bulk role changes). */
export function roleGrantRefusal(actor: MemberRole, role: MemberRole) {
  return hasRole(actor, role)
    ? new AppError("FORBIDDEN", `Only an owner can make someone ${withArticle(role)}`, {
        field: "role",
      })
    : new AppError("FORBIDDEN", "You cannot give a role above your own", { field: "role" });
}

/**
 * Why `actor` may not act on someone who holds (or is invited to) `target`: the rank rule in
 * words. Only owners manage admins and owners, and only admins and owners manage anyone.
 */
export function rankRefusal(
  actor: MemberRole,
  target: MemberRole,
  action: string,
  options: { field?: string } = {},
) {
  const message = hasRole(actor, "admin")
    ? `Only an owner can ${action} ${withArticle(target)}`
    : `Only admins and owners can ${action} anyone`;
  return new AppError("FORBIDDEN", message, options);
}

export function targetOf(locked: { target: LockedMember | undefined }): LockedMember {
  if (!locked.target) throw notFound("Member");
  return locked.target;
}

function refuseLastOwner(owners: string[], memberId: string, action: string) {
  if (owners.length === 1 && owners[0] === memberId)
    throw new AppError(
      "CONFLICT",
      `The last owner cannot ${action}. Make someone else an owner first.`,
    );
}

export async function changeMemberRole(
  scope: TenantScope,
  input: { id: string; role: MemberRole },
) {
  const { db: tx, organizationId } = scope;
  const locked = await lockMembers(scope, actingMember(scope).memberId, input.id);
  const { actor } = locked;
  // The new role first: whether the actor may give it does not depend on who the target is.
  if (!managesRole(actor.role, input.role)) throw roleGrantRefusal(actor.role, input.role);
  const target = targetOf(locked);
  if (!can(actor, "changeRole", { target, role: input.role }))
    throw rankRefusal(actor.role, target.role, "change the role of");
  if (target.role === "owner" && input.role !== "owner")
    refuseLastOwner(locked.owners, target.id, "be demoted");
  // A member made a moderator, admin or owner takes a staff seat: the plan must have one free.
  if (becomesStaff(target, { role: input.role, crmAccess: target.crmAccess }))
    await requireSeatIn(scope, "staffSeats");
  const [updated] = await tx
    .update(member)
    .set({ role: input.role })
    .where(and(eq(member.organizationId, organizationId), eq(member.id, target.id)))
    .returning({ id: member.id, role: member.role });
  if (!updated) throw notFound("Member");
  if (updated.role !== target.role)
    await recordActivity(scope, {
      action: "member.role_changed",
      target: memberTarget(target.id),
      changes: { role: { from: target.role, to: updated.role } },
    });
  await revokeInvitationsAbove(scope, target.userId, input.role);
  // A role in or out of the staff changes the seats a per-seat plan bills.
  if (updated.role !== target.role) await queueSeatSync(scope);
  await publish(scope, { kind: "member.updated", target: memberTarget(target.id) });
  return getMember(scope, target.id);
}

/** Grants or revokes CRM access to a member or moderator (owners and admins have it by role). */
export async function setCrmAccess(scope: TenantScope, input: { id: string; crmAccess: boolean }) {
  const { db: tx, organizationId } = scope;
  const locked = await lockMembers(scope, actingMember(scope).memberId, input.id);
  const { actor } = locked;
  const target = targetOf(locked);
  if (!can(actor, "manage", { target }))
    throw rankRefusal(actor.role, target.role, "change the CRM access of");
  if (!can(actor, "setCrmAccess", { target }))
    throw new AppError("BAD_REQUEST", "Owners and admins have CRM access by their role", {
      field: "crmAccess",
    });
  // CRM access makes a member staff: a seat the plan must have free.
  if (becomesStaff(target, { role: target.role, crmAccess: input.crmAccess }))
    await requireSeatIn(scope, "staffSeats");
  const [updated] = await tx
    .update(member)
    .set({ crmAccess: input.crmAccess })
    .where(and(eq(member.organizationId, organizationId), eq(member.id, target.id)))
    .returning({ id: member.id, crmAccess: member.crmAccess });
  if (!updated) throw notFound("Member");
  if (updated.crmAccess !== target.crmAccess)
    await recordActivity(scope, {
      action: "member.crm_access_changed",
      target: memberTarget(target.id),
      changes: { crmAccess: { from: target.crmAccess, to: updated.crmAccess } },
    });
  // CRM access makes a member staff: a seat of a per-seat plan.
  if (updated.crmAccess !== target.crmAccess) await queueSeatSync(scope);
  // Their open streams read the grant again on this event: lead events start or stop.
  await publish(scope, { kind: "member.updated", target: memberTarget(target.id) });
  return getMember(scope, target.id);
}

export async function removeMember(scope: TenantScope, memberId: string) {
  const { db: tx, organizationId } = scope;
  const locked = await lockMembers(scope, actingMember(scope).memberId, memberId);
  const { actor } = locked;
  const target = targetOf(locked);
  if (!can(actor, "remove", { target })) throw rankRefusal(actor.role, target.role, "remove");
  if (target.role === "owner") refuseLastOwner(locked.owners, target.id, "be removed");
  // Their seats go to the waitlists before the membership (and with it the answers) goes.
  await releaseSeatsOf(scope, target.id);
  await tx
    .delete(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.id, target.id)));
  await recordActivity(scope, {
    action: "member.removed",
    target: memberTarget(target.id),
    changes: { role: { from: target.role, to: null } },
  });
  await revokeInvitationsAbove(scope, target.userId, null);
  await queueSeatSync(scope);
  // The removed member's open streams check their membership on this event and end.
  await publish(scope, { kind: "member.removed", target: memberTarget(target.id) });
  return { id: target.id };
}

export async function leaveOrganization(scope: TenantScope) {
  const { db: tx, organizationId } = scope;
  const actor = actingMember(scope);
  const locked = await lockMembers(scope, actor.memberId);
  if (locked.actor.role === "owner") refuseLastOwner(locked.owners, locked.actor.id, "leave");
  await releaseSeatsOf(scope, actor.memberId);
  await tx
    .delete(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.id, actor.memberId)));
  await revokeInvitationsAbove(scope, locked.actor.userId, null);
  await queueSeatSync(scope);
  await publish(scope, { kind: "member.removed", target: memberTarget(actor.memberId) });
  return { id: actor.memberId };
}

/**
 * The target becomes an owner and the current owner steps down to admin. Answers the new owner
 * (the caller's own membership is organization.current's).
 */
export async function transferOwnership(scope: TenantScope, memberId: string) {
  const { db: tx, organizationId } = scope;
  const actor = actingMember(scope);
  if (memberId === actor.memberId)
    throw new AppError("BAD_REQUEST", "You already own this organization", { field: "id" });
  const locked = await lockMembers(scope, actor.memberId, memberId);
  if (locked.actor.role !== "owner")
    throw new AppError("FORBIDDEN", "Only an owner can transfer ownership");
  const target = targetOf(locked);
  if (!can(locked.actor, "transferOwnership", { target }))
    throw new AppError("FORBIDDEN", "Only an owner can transfer ownership");
  // A member who becomes the owner takes a staff seat (the old owner stays staff, as an admin).
  const newStaff = becomesStaff(target, { role: "owner", crmAccess: target.crmAccess });
  if (newStaff) await requireSeatIn(scope, "staffSeats");
  await tx
    .update(member)
    .set({ role: "owner" })
    .where(and(eq(member.organizationId, organizationId), eq(member.id, target.id)));
  await tx
    .update(member)
    .set({ role: "admin" })
    .where(and(eq(member.organizationId, organizationId), eq(member.id, actor.memberId)));
  for (const [id, from, to] of [
    [target.id, target.role, "owner"],
    [actor.memberId, "owner", "admin"],
  ] as const)
    if (from !== to)
      await recordActivity(scope, {
        action: "member.role_changed",
        target: memberTarget(id),
        changes: { role: { from, to } },
      });
  // The old owner is an admin now: their pending owner and admin invitations go.
  await revokeInvitationsAbove(scope, locked.actor.userId, "admin");
  if (newStaff) await queueSeatSync(scope);
  await publish(scope, [
    { kind: "member.updated", target: memberTarget(target.id) },
    { kind: "member.updated", target: memberTarget(actor.memberId) },
  ]);
  return getMember(scope, target.id);
}
