import {
  and,
  asSystem,
  billingCustomer,
  eq,
  notInArray,
  organizationSubscription,
  organizationSubscriptionItem,
  planPrice,
  withTenant,
} from "@guild/db";
import { noSeed, sweepDomain } from "./define.ts";

export const planSweep = sweepDomain({
  // The victim's billing rows, as Stripe's checkout would leave them (the subscriptions helper's
  // procedures create them for real): its customer and its current subscription's item, so a
  // leak of either would show.
  async seed(victim) {
    await withTenant(
      victim.fx.db,
      asSystem(victim.organizationId, "sweep seed"),
      async ({ db }) => {
        await db.insert(billingCustomer).values({
          organizationId: victim.organizationId,
          stripeCustomerId: "cus_victim_secret",
        });
        const [subscription] = await db
          .select({ id: organizationSubscription.id })
          .from(organizationSubscription)
          .where(
            and(
              eq(organizationSubscription.organizationId, victim.organizationId),
              notInArray(organizationSubscription.status, ["canceled", "incomplete_expired"]),
            ),
          );
        const [price] = await db
          .select({ id: planPrice.id })
          .from(planPrice)
          .where(eq(planPrice.lookupKey, "business_month_usd"));
        if (!subscription || !price) throw new Error("the victim has no subscription to itemize");
        await db.insert(organizationSubscriptionItem).values({
          organizationId: victim.organizationId,
          subscriptionId: subscription.id,
          planPriceId: price.id,
          stripeSubscriptionItemId: "si_victim_secret",
        });
      },
    );
    return noSeed();
  },
  procedures: {
    // The catalog is public (the pricing page); it names no organization.
    "plan.list": { access: "public", input: () => undefined },
    // Every member reads their organization's plan; the subscription part only admins.
    "entitlement.current": { access: "member", input: () => undefined },
  },
});
