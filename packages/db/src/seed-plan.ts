// The demo organization's plan (issue 10 §4): Pro, comped (no Stripe subscription behind it, so
// a fresh machine's demo needs no checkout), with five staff seats: the billing screen has a
// plan, seats used of a limit and Pro's monthly credits to show. Idempotent: a demo that already
// has a current subscription (a comp from an earlier seed, or one bought through checkout) keeps it.
import { eq, sql } from "drizzle-orm";
import { organizationSubscription, plan } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";

export const DEMO_PLAN_KEY = "pro";
export const DEMO_PLAN_SEATS = 5;

/** Returns whether it put the demo on the plan (false: it had a current subscription already). */
export async function seedDemoPlan(scope: TenantScope): Promise<boolean> {
  const [pro] = await scope.db
    .select({ id: plan.id })
    .from(plan)
    .where(eq(plan.key, DEMO_PLAN_KEY));
  if (!pro) return false;
  const added = await scope.db
    .insert(organizationSubscription)
    .values({
      organizationId: scope.organizationId,
      planId: pro.id,
      status: "active",
      source: "comp",
      seats: DEMO_PLAN_SEATS,
      currentPeriodStart: scope.now(),
    })
    .onConflictDoNothing({
      target: organizationSubscription.organizationId,
      where: sql`${organizationSubscription.status} not in ('incomplete_expired', 'canceled')`,
    })
    .returning({ id: organizationSubscription.id });
  return added.length > 0;
}
