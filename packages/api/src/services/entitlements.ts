// Entitlements (issue 10 §1): what an organization's plan allows, and the one check every domain
// calls before adding something a plan limits (staff seats, community members, spaces, courses).
//
// The plan applies while its subscription is trialing or active, or past_due within its grace
// period; otherwise (unpaid, paused, incomplete, past grace, canceled, no subscription at all) the
// organization is on Free. Nothing is ever deleted for being over a limit: the limit only refuses
// adding more (a downgraded organization keeps its 12 spaces, and cannot make a 13th).
//
// The plan is read with the membership in the organization procedure's first statement
// (@guild/db's tenant.ts), and remembered for that transaction, so a check in a request costs no
// round trip; a job or webhook's scope reads it once, on first use.
import {
  type CountedEntitlement,
  FREE_PLAN_KEY,
  type OrganizationPlanRow,
  type PlanEntitlements,
  readOrganizationPlan,
  type SubscriptionSource,
  type SubscriptionStatus,
  type TenantDb,
  type TenantScope,
} from "@guild/db";
import { AppError } from "../errors.ts";
import { planEntitlementsSchema } from "../schemas/plan.ts";
import { withinGrace } from "./payment-grace.ts";

export interface EffectivePlan {
  key: string;
  name: string;
  /** What the organization may have now (a per-seat plan's staffSeats: its cap; seats follow staff). */
  entitlements: PlanEntitlements;
  /**
   * The organization's current subscription, also when it grants nothing now (unpaid, past
   * grace): the billing screen and the past-due banner show it.
   */
  subscription: {
    status: SubscriptionStatus;
    source: SubscriptionSource;
    planKey: string;
    planName: string;
    seats: number;
    perSeat: boolean;
    graceUntil: Date | null;
    trialEnd: Date | null;
    currentPeriodEnd: Date | null;
    cancelAtPeriodEnd: boolean;
    /** Whether its plan is the one that applies (false: the organization is on Free). */
    applies: boolean;
  } | null;
}

/**
 * If the Free plan's row is missing (deleted by hand) or unreadable: fail closed, one seat and
 * nothing more, rather than unlimited (also what a plan first met in Stripe gets then).
 */
export const NO_ENTITLEMENTS: PlanEntitlements = {
  staffSeats: 1,
  communityMembers: 0,
  spaces: 0,
  courses: 0,
  monthlyCredits: 0,
  storageBytes: 0,
};

/**
 * Whether a subscription in this status gives its plan at `now`. past_due keeps it until the
 * grace period ends; with no grace set, while Stripe still retries the payment (it moves the
 * subscription to unpaid or canceled once it gives up).
 */
export function subscriptionGrantsPlan(
  status: SubscriptionStatus,
  graceUntil: Date | null,
  now: Date,
): boolean {
  if (status === "trialing" || status === "active") return true;
  if (status === "past_due") return withinGrace(graceUntil, now);
  return false;
}

function parseEntitlements(value: unknown): PlanEntitlements | null {
  const parsed = planEntitlementsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The plan that applies, from the row the membership statement (or readOrganizationPlan) read. */
export function effectivePlan(row: OrganizationPlanRow, now: Date): EffectivePlan {
  const current = row.subscription;
  const applies = current ? subscriptionGrantsPlan(current.status, current.graceUntil, now) : false;
  const subscription = current && {
    status: current.status,
    source: current.source,
    planKey: current.planKey,
    planName: current.planName,
    seats: current.seats,
    perSeat: current.perSeat,
    graceUntil: current.graceUntil,
    trialEnd: current.trialEnd,
    currentPeriodEnd: current.currentPeriodEnd,
    cancelAtPeriodEnd: current.cancelAtPeriodEnd,
    applies,
  };
  const paid = current && applies ? parseEntitlements(current.entitlements) : null;
  if (current && paid) {
    // A per-seat plan's staff limit is the plan's cap, not the seats bought: the seats follow the
    // staff (organization-plan.sync-seats raises the subscription's quantity, prorated, once a
    // staff invitation is accepted), so a limit of the seats bought would refuse the very
    // invitation that is to grow them.
    return {
      key: current.planKey,
      name: current.planName,
      entitlements: paid,
      subscription,
    };
  }
  const free = row.free && parseEntitlements(row.free.entitlements);
  return {
    key: row.free?.key ?? FREE_PLAN_KEY,
    name: row.free?.name ?? "Free",
    entitlements: free ?? NO_ENTITLEMENTS,
    subscription,
  };
}

// The plan of each tenant transaction, keyed by its TenantDb: scopes are copied (a held
// membership, another actor) but share their transaction, and a transaction never outlives its
// request or job, so nothing stale is kept beyond it.
const plans = new WeakMap<TenantDb, EffectivePlan>();

/** Remembers the plan the membership statement read for this scope's transaction. */
export function rememberPlan(scope: TenantScope, plan: EffectivePlan): void {
  plans.set(scope.db, plan);
}

/** For a service that changed the subscription in this transaction: the next read is fresh. */
export function forgetPlan(scope: TenantScope): void {
  plans.delete(scope.db);
}

/** The organization's plan as it applies now. */
export async function planOf(scope: TenantScope): Promise<EffectivePlan> {
  const known = plans.get(scope.db);
  if (known) return known;
  const plan = effectivePlan(
    await readOrganizationPlan(scope.db, scope.organizationId),
    scope.now(),
  );
  plans.set(scope.db, plan);
  return plan;
}

const nouns: Record<CountedEntitlement, [one: string, many: string]> = {
  staffSeats: ["staff seat", "staff seats"],
  communityMembers: ["community member", "community members"],
  spaces: ["space", "spaces"],
  courses: ["course", "courses"],
};

export interface EntitlementUse {
  /** How many the organization has now (pending invitations included, for people). */
  current: number;
  /** How many the action adds (default 1). */
  adding?: number;
}

/**
 * Refuses (FORBIDDEN, reason PLAN_LIMIT, with the limit and the count in the error's data) when
 * adding `adding` to `current` would exceed what the plan allows.
 */
export function checkEntitlement(
  plan: EffectivePlan,
  entitlement: CountedEntitlement,
  use: EntitlementUse,
): void {
  const limit = plan.entitlements[entitlement];
  const adding = use.adding ?? 1;
  if (limit === null || use.current + adding <= limit) return;
  const [one, many] = nouns[entitlement];
  const allowance = `${limit.toLocaleString("en")} ${limit === 1 ? one : many}`;
  throw new AppError(
    "FORBIDDEN",
    `The ${plan.name} plan includes ${allowance} and ${use.current.toLocaleString("en")} ${use.current === 1 ? "is" : "are"} in use: upgrade to add more`,
    {
      reason: "PLAN_LIMIT",
      planLimit: { entitlement, limit, current: use.current, planKey: plan.key },
    },
  );
}

/** checkEntitlement against the scope's organization's plan (see planOf). */
export async function requireEntitlement(
  scope: TenantScope,
  entitlement: CountedEntitlement,
  use: EntitlementUse,
): Promise<void> {
  checkEntitlement(await planOf(scope), entitlement, use);
}
