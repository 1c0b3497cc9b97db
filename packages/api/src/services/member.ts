import { and, eq, type MemberRole, member, sql, type TenantDb, user } from "@guild/db";
import { AppError, notFound } from "../errors";
import { hasRole } from "../roles";

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

/**
 * Locks the organization's owner rows so concurrent demotions/removals of owners serialize:
 * two owners cannot demote each other at the same time and leave none.
 */
async function lockOwners(tx: TenantDb, organizationId: string): Promise<string[]> {
  const owners = await tx
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.role, "owner")))
    .for("update");
  return owners.map((o) => o.id);
}

async function findMember(tx: TenantDb, organizationId: string, memberId: string) {
  const [target] = await tx
    .select({ id: member.id, role: member.role, userId: member.userId })
    .from(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.id, memberId)))
    .for("update");
  if (!target) throw notFound("Member");
  return target;
}

async function assertNotLastOwner(
  tx: TenantDb,
  organizationId: string,
  memberId: string,
  action: string,
) {
  const owners = await lockOwners(tx, organizationId);
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
  const target = await findMember(tx, organizationId, input.memberId);
  if (!hasRole(actor.role, target.role))
    throw new AppError("FORBIDDEN", "You cannot change the role of someone above you");
  if (!hasRole(actor.role, input.role))
    throw new AppError("FORBIDDEN", "You cannot give a role above your own", "role");
  if (target.role === "owner" && input.role !== "owner")
    await assertNotLastOwner(tx, organizationId, target.id, "be demoted");
  const [updated] = await tx
    .update(member)
    .set({ role: input.role })
    .where(and(eq(member.organizationId, organizationId), eq(member.id, target.id)))
    .returning({ id: member.id, role: member.role });
  if (!updated) throw notFound("Member");
  return updated;
}

export async function removeMember(
  tx: TenantDb,
  organizationId: string,
  actor: Actor,
  memberId: string,
) {
  const target = await findMember(tx, organizationId, memberId);
  if (target.id !== actor.memberId && !hasRole(actor.role, target.role))
    throw new AppError("FORBIDDEN", "You cannot remove someone above you");
  if (target.role === "owner")
    await assertNotLastOwner(tx, organizationId, target.id, "be removed");
  await tx
    .delete(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.id, target.id)));
  return { removed: true };
}

export async function leaveOrganization(tx: TenantDb, organizationId: string, actor: Actor) {
  if (actor.role === "owner") await assertNotLastOwner(tx, organizationId, actor.memberId, "leave");
  await tx
    .delete(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.id, actor.memberId)));
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
  await lockOwners(tx, organizationId);
  const target = await findMember(tx, organizationId, memberId);
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
