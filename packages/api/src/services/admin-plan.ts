// The plan catalog as a platform admin edits it (issue 10 §3): every plan, retired ones too,
// with its prices. Name, description, trial days, entitlements and whether new subscribers are
// offered it are edited here, audited with what changed. Prices are read-only: they are Stripe
// prices (`pnpm db:sync-stripe` and the price webhooks keep them), and a new price is made in
// Stripe, not here.
//
// Name, description and "offered" are also the Stripe product's (name, description, active), and
// `db:sync-stripe` and the product.* webhooks copy the product onto the plan: an edit made only
// here would be undone by the next sync or product event. So an edit of those goes to Stripe
// FIRST, then to the database in one transaction with its audit row. In that order a failure
// leaves nothing to repair by hand: Stripe refusing or down → nothing written anywhere
// (SERVICE_UNAVAILABLE, the admin retries); the database write failing after Stripe took it →
// the product.updated event and any later sync bring Stripe's (the admin's) values in. The other
// order (database first, Stripe by a job) would leave a window in which a sync or a late product
// event reverts the edit before the job has run. The row's stripe_synced_at is set to the time
// after the push, so a product event or a sync read from before it is stale and skipped.
import { asc, type Database, eq, plan, planPrice, sql } from "@guild/db";
import type { PlanEntitlements } from "@guild/db/enums";
import { notFound } from "../errors.ts";
import { planEntitlementsSchema } from "../schemas/plan.ts";
import { type AuditActor, recordAudit } from "./audit-log.ts";
import { requireStripe, stripeCall } from "./billing-context.ts";
import type { StripeDeps } from "./stripe-client.ts";

export async function listPlansForAdmin(db: Database) {
  const [plans, prices] = await Promise.all([
    db.select().from(plan).orderBy(asc(plan.sortOrder), asc(plan.name)),
    db.select().from(planPrice).orderBy(asc(planPrice.interval), asc(planPrice.unitAmount)),
  ]);
  return plans.map((p) => ({
    id: p.id,
    key: p.key,
    name: p.name,
    description: p.description,
    active: p.active,
    trialDays: p.trialDays,
    // Checked on the way out too: a row written before the schema would otherwise reach forms.
    entitlements: planEntitlementsSchema.parse(p.entitlements),
    stripeProductId: p.stripeProductId,
    prices: prices
      .filter((price) => price.planId === p.id)
      .map((price) => ({
        id: price.id,
        interval: price.interval,
        currency: price.currency,
        unitAmount: price.unitAmount,
        perSeat: price.perSeat,
        active: price.active,
        stripePriceId: price.stripePriceId,
      })),
  }));
}

const editedFields = ["name", "description", "active", "trialDays", "entitlements"] as const;

/** A value as JSON with object keys in order (jsonb does not keep the order they were written in). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export async function updatePlan(
  db: Database,
  stripe: StripeDeps | null | undefined,
  actor: AuditActor,
  input: {
    id: string;
    name: string;
    description: string;
    active: boolean;
    trialDays: number;
    entitlements: PlanEntitlements;
  },
) {
  const [current] = await db.select().from(plan).where(eq(plan.id, input.id));
  if (!current) throw notFound("Plan");
  let pushedAt: Date | null = null;
  const productId = current.stripeProductId;
  if (
    productId &&
    (current.name !== input.name ||
      current.description !== input.description ||
      current.active !== input.active)
  ) {
    const client = requireStripe(stripe);
    await stripeCall("update the plan's product", () =>
      client.products.update(productId, {
        name: input.name,
        description: input.description,
        active: input.active,
      }),
    );
    pushedAt = new Date();
  }
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(plan).where(eq(plan.id, input.id)).for("update");
    if (!before) throw notFound("Plan");
    const after = {
      name: input.name,
      description: input.description,
      active: input.active,
      trialDays: input.trialDays,
      entitlements: input.entitlements,
    };
    await tx
      .update(plan)
      // Never back in time: a product event stamped later than our clock still counts as newer.
      .set(
        pushedAt
          ? {
              ...after,
              stripeSyncedAt: sql`greatest(${plan.stripeSyncedAt}, ${pushedAt.toISOString()}::timestamptz)`,
            }
          : after,
      )
      .where(eq(plan.id, before.id));
    // Only what changed, each as [before, after].
    const changes: Record<string, unknown> = {};
    for (const field of editedFields)
      if (canonical(before[field]) !== canonical(after[field]))
        changes[field] = [before[field], after[field]];
    await recordAudit(tx, actor, {
      action: "plan.update",
      targetType: "plan",
      targetId: before.id,
      details: { name: input.name, key: before.key, changes },
    });
  });
}
