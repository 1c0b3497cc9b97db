import {
  and,
  eq,
  file,
  hasRole,
  inArray,
  type MemberActor,
  type MemberRole,
  member,
  or,
  sql,
  type TenantScope,
  user,
} from "@guild/db";
import { AppError, notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import { avatarUrl } from "./avatar.ts";
import { revokeInvitationsAbove } from "./invitation.ts";

/** The member acting in this scope: membership changes are made by members, never the system. */
export function actingMember(scope: TenantScope): MemberActor {
  if (scope.actor.kind !== "member")
    throw new AppError("FORBIDDEN", "Only a member of the organization can do this");
  return scope.actor;
}

const memberTarget = (id: string) => ({ type: "member", id });

export async function listMembers(scope: TenantScope) {
  const organizationId = scope.organizationId;
  const rows = await scope.db
    .select({
      id: member.id,
      userId: member.userId,
      role: member.role,
      joinedAt: member.createdAt,
      name: user.name,
      email: user.email,
      image: user.image,
      avatarFileId: file.id,
    })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    // At most one per member (file_one_avatar_per_member).
    .leftJoin(
      file,
      and(
        eq(file.organizationId, member.organizationId),
        eq(file.memberId, member.id),
        eq(file.purpose, "avatar"),
        eq(file.status, "ready"),
      ),
    )
    .where(eq(member.organizationId, organizationId))
    .orderBy(
      sql`case ${member.role} when 'owner' then 0 when 'admin' then 1 when 'moderator' then 2 else 3 end`,
      user.name,
    );
  return rows.map((row) => ({ ...row, avatarUrl: avatarUrl(organizationId, row.avatarFileId) }));
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

interface LockedMember {
  id: string;
  role: MemberRole;
  userId: string;
}

/**
 * Locks, in one statement and in id order, every row a membership change depends on: all owners,
 * the actor and the target. One fixed order makes concurrent changes (two owners demoting each
 * other) queue instead of deadlocking, and the actor's role is read again under the lock: it may
 * have changed since the request's membership check.
 */
async function lockMembers(scope: TenantScope, actorMemberId: string, targetMemberId?: string) {
  const { db: tx, organizationId } = scope;
  const ids = targetMemberId ? [actorMemberId, targetMemberId] : [actorMemberId];
  const rows: LockedMember[] = await tx
    .select({ id: member.id, role: member.role, userId: member.userId })
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
  if (!target) throw notFound("Member");
  const owners = rows.filter((row) => row.role === "owner").map((row) => row.id);
  return { actor, target, owners };
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
  input: { memberId: string; role: MemberRole },
) {
  const { db: tx, organizationId } = scope;
  const locked = await lockMembers(scope, actingMember(scope).memberId, input.memberId);
  const { target } = locked;
  if (!hasRole(locked.actor.role, target.role))
    throw new AppError("FORBIDDEN", "You cannot change the role of someone above you");
  if (!hasRole(locked.actor.role, input.role))
    throw new AppError("FORBIDDEN", "You cannot give a role above your own", { field: "role" });
  if (target.role === "owner" && input.role !== "owner")
    refuseLastOwner(locked.owners, target.id, "be demoted");
  const [updated] = await tx
    .update(member)
    .set({ role: input.role })
    .where(and(eq(member.organizationId, organizationId), eq(member.id, target.id)))
    .returning({ id: member.id, role: member.role });
  if (!updated) throw notFound("Member");
  await revokeInvitationsAbove(scope, target.userId, input.role);
  await publish(scope, { kind: "member.updated", target: memberTarget(target.id) });
  return updated;
}

export async function removeMember(scope: TenantScope, memberId: string) {
  const { db: tx, organizationId } = scope;
  const locked = await lockMembers(scope, actingMember(scope).memberId, memberId);
  const { target } = locked;
  if (target.id !== locked.actor.id && !hasRole(locked.actor.role, target.role))
    throw new AppError("FORBIDDEN", "You cannot remove someone above you");
  if (target.role === "owner") refuseLastOwner(locked.owners, target.id, "be removed");
  await tx
    .delete(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.id, target.id)));
  await revokeInvitationsAbove(scope, target.userId, null);
  // The removed member's open streams check their membership on this event and end.
  await publish(scope, { kind: "member.removed", target: memberTarget(target.id) });
  return { removed: true };
}

export async function leaveOrganization(scope: TenantScope) {
  const { db: tx, organizationId } = scope;
  const actor = actingMember(scope);
  const locked = await lockMembers(scope, actor.memberId);
  if (locked.actor.role === "owner") refuseLastOwner(locked.owners, locked.actor.id, "leave");
  await tx
    .delete(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.id, actor.memberId)));
  await revokeInvitationsAbove(scope, locked.actor.userId, null);
  await publish(scope, { kind: "member.removed", target: memberTarget(actor.memberId) });
  return { left: true };
}

/** The target becomes an owner and the current owner steps down to admin. */
export async function transferOwnership(scope: TenantScope, memberId: string) {
  const { db: tx, organizationId } = scope;
  const actor = actingMember(scope);
  if (memberId === actor.memberId)
    throw new AppError("BAD_REQUEST", "You already own this organization", { field: "memberId" });
  const locked = await lockMembers(scope, actor.memberId, memberId);
  if (locked.actor.role !== "owner")
    throw new AppError("FORBIDDEN", "Only an owner can transfer ownership");
  const { target } = locked;
  await tx
    .update(member)
    .set({ role: "owner" })
    .where(and(eq(member.organizationId, organizationId), eq(member.id, target.id)));
  await tx
    .update(member)
    .set({ role: "admin" })
    .where(and(eq(member.organizationId, organizationId), eq(member.id, actor.memberId)));
  await publish(scope, [
    { kind: "member.updated", target: memberTarget(target.id) },
    { kind: "member.updated", target: memberTarget(actor.memberId) },
  ]);
  return { newOwnerMemberId: target.id };
}
