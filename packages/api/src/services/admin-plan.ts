// The plan catalog as a platform admin edits it (issue 10 §3): every plan, retired ones too,
// with its prices. Name, description, trial days, entitlements and whether new subscribers are
// offered it are edited here, audited with what changed. Prices are read-only: they are Stripe
// prices (`pnpm db:sync-stripe` and the price webhooks keep them), and a new price is made in
// Stripe, not here.
import { asc, type Database, eq, plan, planPrice } from "@guild/db";
import type { PlanEntitlements } from "@guild/db/enums";
import { notFound } from "../errors.ts";
import { planEntitlementsSchema } from "../schemas/plan.ts";
import { type AuditActor, recordAudit } from "./audit-log.ts";

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
    await tx.update(plan).set(after).where(eq(plan.id, before.id));
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
