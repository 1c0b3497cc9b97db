import { asSystem, billingInvoice, eq, member, withTenant } from "@guild/db";
import { recordPaidOrder } from "../services/order.ts";
import { type InOrgRight, missingId, sweepDomain } from "./define.ts";

interface PaymentSeed {
  ownerMemberId: string;
  checkoutSessionId: string;
}

/** A member reads their own payments only; another member's are admins' (hidden to the rest). */
const adminsReadOthers: InOrgRight<PaymentSeed>[] = [
  {
    right: "admin, to read another member's payments",
    lacking: ["member", "moderator", "crmMember"],
    holder: "admin",
    refusal: { kind: "hidden" },
  },
];

export const paymentSweep = sweepDomain<PaymentSeed>({
  // Payments are recorded by Stripe's webhooks, not by procedures: the seed records what a
  // completed checkout and a paid plan invoice would.
  async seed(victim) {
    const [owner] = await victim.fx.db
      .select({ userId: member.userId })
      .from(member)
      .where(eq(member.id, victim.memberIds.owner));
    if (!owner) throw new Error("victim owner missing");
    const checkoutSessionId = "cs_test_victims_secret_checkout";
    await withTenant(victim.fx.db, asSystem(victim.organizationId, "sweep seed"), (scope) =>
      recordPaidOrder(scope, {
        purpose: "credit_pack",
        checkoutSessionId,
        paymentIntentId: "pi_victims_secret",
        stripeAccountId: null,
        buyerUserId: owner.userId,
        amountTotal: 1500,
        currency: "usd",
        status: "paid",
        eventAt: new Date(),
        items: [
          {
            productRef: "credits-200",
            description: "Victim's secret pack",
            quantity: 1,
            unitAmount: 1500,
            amount: 1500,
            credits: 200,
          },
        ],
      }),
    );
    await victim.fx.db.insert(billingInvoice).values({
      organizationId: victim.organizationId,
      subject: "organization_plan",
      status: "paid",
      stripeInvoiceId: "in_victims_secret",
      description: "Victim's secret plan",
      amountDue: 2900,
      amountPaid: 2900,
      currency: "usd",
      hostedInvoiceUrl: "https://stripe.test/invoice/in_victims_secret",
      issuedAt: new Date(),
      stripeEventAt: new Date(),
    });
    return { ownerMemberId: victim.memberIds.owner, checkoutSessionId };
  },
  procedures: {
    "credit.packs": { access: "member", input: () => undefined },
    "credit.buy": {
      access: "member",
      input: () => ({ packId: "credits-50" }),
      // Buys in the caller's own organization whatever the input.
      ownOrganizationOnly: true,
    },
    "payment.myOrders": { access: "member", input: () => ({}) },
    "payment.memberHistory": {
      access: "member",
      input: (s) => ({ memberId: s.ownerMemberId }),
      missing: () => ({ memberId: missingId }),
      requires: adminsReadOthers,
    },
    "payment.organizationHistory": { access: "admin", input: () => ({}) },
    "payment.checkout": {
      access: "member",
      input: (s) => ({ checkoutSessionId: s.checkoutSessionId }),
    },
  },
});
