// Seats (issue 10 §1): the people a plan counts. Staff seats are owners, admins, moderators and
// members with CRM access; community members are everyone else. Both count pending (unexpired)
// invitations, so inviting cannot run ahead of the plan: an invitation holds its seat until it is
// accepted, declined, revoked or expires. Checked when an invitation is made, when one is
// accepted (the plan may have shrunk since), and when a member becomes staff (promotion, CRM
// access).
//
// Checks of one organization take a transaction-level advisory lock first, so two invitations, an
// invitation and its acceptance, or a promotion and an invitation at the same moment cannot both
// take the last seat.
import {
  invitation,
  type MemberRole,
  member,
  type SQL,
  sql,
  type TenantDb,
  type TenantScope,
} from "@guild/db";
import { actsAs } from "./actor.ts";
import { checkEntitlement, type EffectivePlan, planOf } from "./entitlements.ts";

type Executor = Pick<TenantDb, "execute">;

export type SeatKind = "staffSeats" | "communityMembers";

/** Which seat a role takes (invitations carry no CRM grant: a member is invited to the community). */
export function seatKind(role: MemberRole, crmAccess = false): SeatKind {
  return role === "member" && !crmAccess ? "communityMembers" : "staffSeats";
}

/**
 * Whether a member row takes a staff seat: seatKind's rule in SQL, the one both the plan's limit
 * (countSeats) and the quantity Stripe bills (organization-plan.ts staffSeatsUsed) count by, so
 * the seats checked and the seats billed can never be told apart by two spellings.
 */
export const isStaffMember: SQL = sql`(${member.role} <> 'member' or ${member.crmAccess})`;

/** Whether an invitation holds a staff seat (an invitation's role alone decides it). */
const isStaffInvitation: SQL = sql`(${invitation.role} <> 'member')`;

/** Whether a change of someone's role or CRM access makes them staff (a seat to check). */
export function becomesStaff(
  before: { role: MemberRole; crmAccess: boolean },
  after: { role: MemberRole; crmAccess: boolean },
): boolean {
  return (
    seatKind(before.role, before.crmAccess) === "communityMembers" &&
    seatKind(after.role, after.crmAccess) === "staffSeats"
  );
}

export interface SeatCounts {
  /** Staff members and pending staff invitations: what the limit counts. */
  staffSeats: number;
  /** Community members and pending member invitations. */
  communityMembers: number;
  /** Of those, the pending (unexpired) invitations. */
  pending: { staffSeats: number; communityMembers: number };
}

// Any constant: with the organization id's hash, the advisory lock key of its seat checks.
const SEAT_LOCK = 6_021_774;

/**
 * Waits for other seat checks of the organization until this transaction ends. Membership
 * changes take it after their member row locks (member.ts lockMembers), as invitations take it
 * after the inviter's (roleProcedure's holdMembership): one order, no deadlock.
 */
async function lockSeats(db: Executor, organizationId: string): Promise<void> {
  await db.execute(
    sql`select pg_advisory_xact_lock(${SEAT_LOCK}, hashtext(${organizationId}::text))`,
  );
}

/** Members and pending, unexpired invitations of the organization, by seat. */
export async function countSeats(
  db: Executor,
  organizationId: string,
  now: Date,
): Promise<SeatCounts> {
  const [row] = await db.execute<{
    staff_members: number;
    community_members: number;
    staff_invited: number;
    community_invited: number;
  }>(sql`
    select m.staff_members, m.community_members, i.staff_invited, i.community_invited
    from (
      select count(*) filter (where ${isStaffMember}) as staff_members,
             count(*) filter (where not ${isStaffMember}) as community_members
      from ${member} where ${member.organizationId} = ${organizationId}::uuid
    ) m, (
      select count(*) filter (where ${isStaffInvitation}) as staff_invited,
             count(*) filter (where not ${isStaffInvitation}) as community_invited
      from ${invitation}
      where ${invitation.organizationId} = ${organizationId}::uuid
        and ${invitation.status} = 'pending'
        and ${invitation.expiresAt} > ${now.toISOString()}::timestamptz
    ) i`);
  const pending = {
    staffSeats: Number(row?.staff_invited ?? 0),
    communityMembers: Number(row?.community_invited ?? 0),
  };
  return {
    staffSeats: Number(row?.staff_members ?? 0) + pending.staffSeats,
    communityMembers: Number(row?.community_members ?? 0) + pending.communityMembers,
    pending,
  };
}

/**
 * Refuses (PLAN_LIMIT) `adding` (default 1) more people of this kind in the organization,
 * counting pending invitations; holds the organization's seat lock until the transaction ends.
 */
export async function requireSeat(
  db: Executor,
  plan: EffectivePlan,
  target: { organizationId: string; kind: SeatKind; now: Date; adding?: number },
): Promise<void> {
  await lockSeats(db, target.organizationId);
  const counts = await countSeats(db, target.organizationId, target.now);
  checkEntitlement(plan, target.kind, {
    current: counts[target.kind],
    adding: target.adding ?? 1,
  });
}

/**
 * requireSeat in a tenant scope: an invitation, or people becoming staff (a promotion, a CRM
 * grant, an ownership transfer), whose callers check only when someone becomes staff: a demotion
 * or a change among staff adds no seat and is never refused, even over a downgraded plan's limit.
 */
export async function requireSeatIn(scope: TenantScope, kind: SeatKind, adding = 1): Promise<void> {
  await requireSeat(scope.db, await planOf(scope), {
    organizationId: scope.organizationId,
    kind,
    now: scope.now(),
    adding,
  });
}

/**
 * The organization's plan as its members see it: the plan that applies, its limits and the seats
 * in use (pending invitations included). The subscription behind it (status, grace, renewal)
 * is billing, for admins only.
 */
export async function planUsage(scope: TenantScope) {
  const plan = await planOf(scope);
  const usage = await countSeats(scope.db, scope.organizationId, scope.now());
  const admin = actsAs(scope, "admin");
  return {
    key: plan.key,
    name: plan.name,
    entitlements: plan.entitlements,
    usage,
    subscription: admin ? plan.subscription : null,
  };
}
