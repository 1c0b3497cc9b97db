// The plan catalog as the public pricing page and the upgrade offers show it: active plans in
// their order, each with its active prices. Global tables, read without a tenant scope (no
// organization's data is involved). Stripe ids stay on the server.
import {
  and,
  asc,
  type Database,
  eq,
  type PlanEntitlements,
  type PlanInterval,
  plan,
  planPrice,
} from "@guild/db";
import { planEntitlementsSchema } from "../schemas/plan.ts";

export interface CatalogPrice {
  id: string;
  lookupKey: string | null;
  interval: PlanInterval;
  currency: string;
  unitAmount: number;
  perSeat: boolean;
}

export interface CatalogPlan {
  key: string;
  name: string;
  description: string;
  trialDays: number;
  entitlements: PlanEntitlements;
  prices: CatalogPrice[];
}

export async function listPlans(db: Database): Promise<CatalogPlan[]> {
  const rows = await db
    .select({
      key: plan.key,
      name: plan.name,
      description: plan.description,
      trialDays: plan.trialDays,
      entitlements: plan.entitlements,
      price: {
        id: planPrice.id,
        lookupKey: planPrice.lookupKey,
        interval: planPrice.interval,
        currency: planPrice.currency,
        unitAmount: planPrice.unitAmount,
        perSeat: planPrice.perSeat,
      },
    })
    .from(plan)
    .leftJoin(planPrice, and(eq(planPrice.planId, plan.id), eq(planPrice.active, true)))
    .where(eq(plan.active, true))
    .orderBy(asc(plan.sortOrder), asc(plan.key), asc(planPrice.unitAmount));
  const plans = new Map<string, CatalogPlan>();
  for (const row of rows) {
    let entry = plans.get(row.key);
    if (!entry) {
      // A plan whose entitlements do not parse (edited by hand) is not offered.
      const entitlements = planEntitlementsSchema.safeParse(row.entitlements);
      if (!entitlements.success) continue;
      entry = {
        key: row.key,
        name: row.name,
        description: row.description,
        trialDays: row.trialDays,
        entitlements: entitlements.data,
        prices: [],
      };
      plans.set(row.key, entry);
    }
    if (row.price) entry.prices.push(row.price);
  }
  return [...plans.values()];
}
