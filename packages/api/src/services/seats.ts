// Seats (issue 10 §1): the people a plan counts. Staff seats are owners, admins, moderators and
// members with CRM access; community members are everyone else. Both count pending (unexpired)
// invitations, so inviting cannot run ahead of the plan: an invitation holds its seat until it is
// accepted, declined, revoked or expires. Checked when an invitation is made, when one is
// accepted (the plan may have shrunk since), and when a member becomes staff (promotion, CRM
// access).
//
// Checks of one organization take a transaction-level advisory lock first, so two invitations
// sent at the same moment cannot both take the last seat.
import { hasRole, type MemberRole, sql, type TenantDb, type TenantScope } from "@guild/db";
import { checkEntitlement, type EffectivePlan, planOf } from "./entitlements.ts";

type Executor = Pick<TenantDb, "execute">;

export type SeatKind = "staffSeats" | "communityMembers";

/** Which seat a role takes (invitations carry no CRM grant: a member is invited to the community). */
export function seatKind(role: MemberRole, crmAccess = false): SeatKind {
  return role === "member" && !crmAccess ? "communityMembers" : "staffSeats";
}

export interface SeatCounts {
  staffSeats: number;
  communityMembers: number;
}

// Any constant: with the organization id's hash, the advisory lock key of its seat checks.
const SEAT_LOCK = 6_021_774;

/** Waits for other seat checks of the organization until this transaction ends. */
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
  const [row] = await db.execute<{ staff: number; community: number }>(sql`
    select
      (select count(*) filter (where m.role <> 'member' or m.crm_access)
       from member m where m.organization_id = ${organizationId}::uuid)
      + (select count(*) filter (where i.role <> 'member')
         from invitation i
         where i.organization_id = ${organizationId}::uuid and i.status = 'pending'
           and i.expires_at > ${now.toISOString()}::timestamptz) as staff,
      (select count(*) filter (where m.role = 'member' and not m.crm_access)
       from member m where m.organization_id = ${organizationId}::uuid)
      + (select count(*) filter (where i.role = 'member')
         from invitation i
         where i.organization_id = ${organizationId}::uuid and i.status = 'pending'
           and i.expires_at > ${now.toISOString()}::timestamptz) as community`);
  return { staffSeats: Number(row?.staff ?? 0), communityMembers: Number(row?.community ?? 0) };
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

/** requireSeat in a tenant scope (an invitation, a promotion). */
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
  const admin =
    scope.actor.kind === "system" ||
    (scope.actor.kind === "member" && hasRole(scope.actor.role, "admin"));
  return {
    key: plan.key,
    name: plan.name,
    entitlements: plan.entitlements,
    usage,
    subscription: admin ? plan.subscription : null,
  };
}
