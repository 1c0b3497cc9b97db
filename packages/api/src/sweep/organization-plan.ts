import {
  asSystem,
  endedSubscriptionStatuses,
  eq,
  notInArray,
  organizationSubscription,
  planPrice,
  withTenant,
} from "@guild/db";
import { applyStripeSubscription } from "../services/organization-plan-stripe.ts";
import { sweepDomain, type Victim } from "./define.ts";

interface PlanSeed {
  proMonthly: string;
  business: string;
}

/**
 * The victim is on Pro as Stripe's webhooks would leave it (billing customer, subscription and
 * its item), through the one upsert the webhooks use: no procedure makes these rows. Skipped when
 * another domain's seed already gave the victim a current plan (one per organization).
 */
async function seedSubscription(victim: Victim): Promise<PlanSeed> {
  const { fx, organizationId } = victim;
  const [pro] = await fx.db
    .update(planPrice)
    .set({ stripePriceId: "price_sweep_pro_month" })
    .where(eq(planPrice.lookupKey, "pro_month_usd"))
    .returning({ id: planPrice.id });
  const [business] = await fx.db
    .select({ id: planPrice.id })
    .from(planPrice)
    .where(eq(planPrice.lookupKey, "business_month_usd"));
  if (!pro || !business) throw new Error("the seeded catalog lacks Pro or Business monthly");
  await withTenant(fx.db, asSystem(organizationId, "sweep seed"), async (scope) => {
    const [current] = await scope.db
      .select({ id: organizationSubscription.id })
      .from(organizationSubscription)
      .where(notInArray(organizationSubscription.status, [...endedSubscriptionStatuses]));
    if (current) return;
    const now = Math.floor(Date.now() / 1000);
    await applyStripeSubscription(
      scope,
      {
        id: "sub_sweep_victim",
        object: "subscription",
        customer: "cus_sweep_victim",
        status: "active",
        metadata: { guild_purpose: "organization_plan", organization_id: organizationId },
        items: {
          data: [
            {
              id: "si_sweep_victim",
              price: { id: "price_sweep_pro_month" },
              quantity: 4,
              current_period_start: now,
              current_period_end: now + 30 * 86_400,
            },
          ],
        },
        cancel_at_period_end: false,
        created: now,
      },
      { kind: "event", created: now },
    );
  });
  return { proMonthly: pro.id, business: business.id };
}

// Billing is the owners' (admins read it): the ladder refuses everyone else before Stripe is
// reached. The mutations act on the caller's own organization whatever the input names.
export const organizationPlanSweep = sweepDomain<PlanSeed>({
  seed: seedSubscription,
  procedures: {
    "subscription.state": { access: "admin", input: () => undefined },
    "subscription.checkout": {
      access: "owner",
      input: (s) => ({ priceId: s.business }),
      ownOrganizationOnly: true,
    },
    "subscription.portal": { access: "owner", input: () => undefined, ownOrganizationOnly: true },
    "subscription.changePlan": {
      access: "owner",
      input: (s) => ({ priceId: s.business }),
      ownOrganizationOnly: true,
    },
    "subscription.cancel": { access: "owner", input: () => undefined, ownOrganizationOnly: true },
    "subscription.resume": { access: "owner", input: () => undefined, ownOrganizationOnly: true },
  },
});
