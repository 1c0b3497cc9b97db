import { and, eq, inArray, type MemberRole, member, or, sql, type TenantDb, user } from "@guild/db";
import { AppError, notFound } from "../errors.ts";
import { hasRole } from "../roles.ts";
import { revokeInvitationsAbove } from "./invitation.ts";

export interface Actor {
  memberId: string;
  role: MemberRole;
}

export async function listMembers(tx: TenantDb, organizationId: string) {
  return tx
    .select({
      id: member.id,
      userId: member.userId,
      role: member.role,
      joinedAt: member.createdAt,
      name: user.name,
      email: user.email,
      image: user.image,
    })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, organizationId))
    .orderBy(
      sql`case ${member.role} when 'owner' then 0 when 'admin' then 1 when 'moderator' then 2 else 3 end`,
      user.name,
    );
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
async function lockMembers(
  tx: TenantDb,
  organizationId: string,
  actorMemberId: string,
  targetMemberId?: string,
) {
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
  tx: TenantDb,
  organizationId: string,
  actor: Actor,
  input: { memberId: string; role: MemberRole },
) {
  const locked = await lockMembers(tx, organizationId, actor.memberId, input.memberId);
  const { target } = locked;
  if (!hasRole(locked.actor.role, target.role))
    throw new AppError("FORBIDDEN", "You cannot change the role of someone above you");
  if (!hasRole(locked.actor.role, input.role))
    throw new AppError("FORBIDDEN", "You cannot give a role above your own", "role");
  if (target.role === "owner" && input.role !== "owner")
    refuseLastOwner(locked.owners, target.id, "be demoted");
  const [updated] = await tx
    .update(member)
    .set({ role: input.role })
    .where(and(eq(member.organizationId, organizationId), eq(member.id, target.id)))
    .returning({ id: member.id, role: member.role });
  if (!updated) throw notFound("Member");
  await revokeInvitationsAbove(tx, organizationId, target.userId, input.role);
  return updated;
}

export async function removeMember(
  tx: TenantDb,
  organizationId: string,
  actor: Actor,
  memberId: string,
) {
  const locked = await lockMembers(tx, organizationId, actor.memberId, memberId);
  const { target } = locked;
  if (target.id !== locked.actor.id && !hasRole(locked.actor.role, target.role))
    throw new AppError("FORBIDDEN", "You cannot remove someone above you");
  if (target.role === "owner") refuseLastOwner(locked.owners, target.id, "be removed");
  await tx
    .delete(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.id, target.id)));
  await revokeInvitationsAbove(tx, organizationId, target.userId, null);
  return { removed: true };
}

export async function leaveOrganization(tx: TenantDb, organizationId: string, actor: Actor) {
  const locked = await lockMembers(tx, organizationId, actor.memberId);
  if (locked.actor.role === "owner") refuseLastOwner(locked.owners, locked.actor.id, "leave");
  await tx
    .delete(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.id, actor.memberId)));
  await revokeInvitationsAbove(tx, organizationId, locked.actor.userId, null);
  return { left: true };
}

/** The target becomes an owner and the current owner steps down to admin. */
export async function transferOwnership(
  tx: TenantDb,
  organizationId: string,
  actor: Actor,
  memberId: string,
) {
  if (memberId === actor.memberId)
    throw new AppError("BAD_REQUEST", "You already own this organization", "memberId");
  const locked = await lockMembers(tx, organizationId, actor.memberId, memberId);
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
  return { newOwnerMemberId: target.id };
}
