// The organization plan's seats and refusals against the fixture's Stripe stand-in (issue 10 §1):
// the seat quantity Stripe bills follows the staff who join and leave (the sync-seats job, run
// twice changing nothing the second time); the billing screen shows the seats as the limit counts
// them (pending staff invitations included) and, on a per-seat plan, the seats billed apart; and
// the owner's plan changes that cannot be made are refused with their codes, changing nothing in
// Stripe or in the database.
import { asSystem, eq, organizationSubscription, plan, planPrice, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, codeOf, createApiFixture, payHostedCheckout } from "../testing.ts";
import { syncSeats, type Tenant } from "./organization-plan.ts";
import { pushCatalogToStripe } from "./plan-catalog-sync.ts";

// Checkouts, webhooks and jobs through the stand-in: under a loaded machine, past 30 s.
let fx: ApiFixture;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  // The catalog's prices in the stand-in, linked to their rows (as the dev server's boot does).
  await pushCatalogToStripe(fx.db, fx.stripe.stripe.client, new Date());
  await fx.stripe.settle();
});
afterAll(() => fx.drop());

const priceIdOf = async (lookupKey: string) => {
  const [row] = await fx.db
    .select({ id: planPrice.id })
    .from(planPrice)
    .where(eq(planPrice.lookupKey, lookupKey));
  if (!row) throw new Error(`no ${lookupKey}`);
  return row.id;
};

/** An organization on Pro, paid per seat through the stand-in's checkout. */
async function onProPerSeat(slug: string, roles: Parameters<ApiFixture["createOrg"]>[1]) {
  const created = await fx.createOrg(slug, roles);
  const api = await created.owner.caller(slug);
  const checkout = await api.subscription.checkout({ priceId: await priceIdOf("pro_month_usd") });
  await payHostedCheckout(checkout.url);
  await fx.stripe.settle();
  const [row] = await fx.db
    .select()
    .from(organizationSubscription)
    .where(eq(organizationSubscription.organizationId, created.org.id));
  if (!row?.stripeSubscriptionId) throw new Error("the checkout left no subscription");
  return { ...created, api, stripeSubscriptionId: row.stripeSubscriptionId };
}

/** The quantity the stand-in bills for the subscription's one item. */
async function billedQuantity(stripeSubscriptionId: string) {
  const subscription = await fx.stripe.stripe.client.subscriptions.retrieve(stripeSubscriptionId);
  return subscription.items.data.map((item) => item.quantity);
}

const subscriptionUpdates = () =>
  fx.stripe.standIn.events({ type: "customer.subscription.updated", account: null }).length;

describe("the seat quantity Stripe bills", { timeout: 180_000 }, () => {
  it("follows staff who join and leave, and a second sync changes nothing", async () => {
    const { org, members, api, stripeSubscriptionId } = await onProPerSeat("sync-seats", [
      "admin",
      "member",
    ]);
    // The owner and the admin: two seats at checkout.
    expect(await billedQuantity(stripeSubscriptionId)).toEqual([2]);

    // A pending staff invitation holds a seat against the limit, but is billed once accepted.
    const invitee = await fx.signUp("Joining moderator");
    const invite = await api.invitation.create({ email: invitee.email, role: "moderator" });
    await fx.runJobs();
    expect(await billedQuantity(stripeSubscriptionId)).toEqual([2]);
    await (await invitee.caller()).me.invitations.accept({ id: invite.id });
    await fx.runJobs();
    expect(await billedQuantity(stripeSubscriptionId)).toEqual([3]);

    // A member given CRM access is staff: a 4th seat.
    await api.member.setCrmAccess({ id: members.member!.memberId, crmAccess: true });
    await fx.runJobs();
    expect(await billedQuantity(stripeSubscriptionId)).toEqual([4]);
    await fx.stripe.settle();
    expect((await api.subscription.state()).subscription?.seats).toBe(4);

    // Run again with nothing changed: Stripe is not asked to change anything.
    const updates = subscriptionUpdates();
    const tenant: Tenant = (fn) => withTenant(fx.db, asSystem(org.id, "test"), fn);
    expect(await syncSeats(tenant, fx.stripe.stripe)).toBe(4);
    expect(await syncSeats(tenant, fx.stripe.stripe)).toBe(4);
    expect(subscriptionUpdates()).toBe(updates);

    // The admin leaves and the moderator is removed: two seats again.
    await (await members.admin!.caller("sync-seats")).member.leave();
    const moderator = (await api.member.list({ role: ["moderator"] })).items[0];
    await api.member.remove({ id: moderator?.id ?? "" });
    await fx.runJobs();
    expect(await billedQuantity(stripeSubscriptionId)).toEqual([2]);
    await fx.stripe.settle();
    expect((await api.subscription.state()).subscription?.seats).toBe(2);
  });
});

describe("the billing screen's seats", { timeout: 180_000 }, () => {
  it("counts pending staff invitations as the limit does, and shows the seats billed apart", async () => {
    const { org, owner } = await fx.createOrg("seat-usage", ["admin"]);
    const api = await owner.caller("seat-usage");
    await api.invitation.create({ email: "pending@usage.example", role: "moderator" });
    await api.invitation.create({ email: "community@usage.example", role: "member" });
    // Free: the owner, the admin and the pending moderator: the 3 seats the check counts.
    expect((await api.subscription.state()).seats).toEqual({
      used: 3,
      pending: 1,
      limit: 3,
      billed: null,
    });
    expect(
      (await api.invitation.create({ email: "more@usage.example", role: "admin" }).catch((e) => e))
        .message,
    ).toBe("The Free plan includes 3 staff seats and 3 are in use: upgrade to add more");
    // Comped, the plan bills nothing per seat.
    await fx.setPlan(org.id, "pro");
    expect((await api.subscription.state()).seats).toEqual({
      used: 3,
      pending: 1,
      limit: 50,
      billed: null,
    });
  });

  it("on a per-seat subscription, the seats billed are the staff members, not invitations", async () => {
    const { api } = await onProPerSeat("seat-billed", ["admin"]);
    await api.invitation.create({ email: "pending@billed.example", role: "admin" });
    expect((await api.subscription.state()).seats).toEqual({
      used: 3,
      pending: 1,
      limit: 50,
      billed: 2,
    });
  });
});

describe("plan changes that cannot be made", { timeout: 180_000 }, () => {
  it("are refused with their codes and change nothing in Stripe or the database", async () => {
    const { org, members, api, stripeSubscriptionId } = await onProPerSeat("refusals", ["admin"]);
    const pro = await priceIdOf("pro_month_usd");
    const business = await priceIdOf("business_month_usd");
    const lifetime = await priceIdOf("business_lifetime_usd");
    const rows = () =>
      fx.db
        .select()
        .from(organizationSubscription)
        .where(eq(organizationSubscription.organizationId, org.id));
    const before = { rows: await rows(), updates: subscriptionUpdates() };
    const admin = await members.admin!.caller("refusals");

    expect(await codeOf(api.subscription.resume())).toBe("CONFLICT");
    expect(await codeOf(api.subscription.changePlan({ priceId: pro }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.subscription.changePlan({ priceId: lifetime }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.subscription.checkout({ priceId: business }))).toBe("CONFLICT");
    // Admins read the plan; only owners spend.
    for (const call of [
      () => admin.subscription.changePlan({ priceId: business }),
      () => admin.subscription.cancel(),
      () => admin.subscription.resume(),
      () => admin.subscription.checkout({ priceId: business }),
    ])
      expect(await codeOf(call())).toBe("FORBIDDEN");
    await fx.stripe.settle();
    expect(subscriptionUpdates()).toBe(before.updates);
    expect(await rows()).toEqual(before.rows);
    const stripe = await fx.stripe.stripe.client.subscriptions.retrieve(stripeSubscriptionId);
    expect({ cancel: stripe.cancel_at_period_end, price: stripe.items.data[0]?.price.id }).toEqual({
      cancel: false,
      price: (await fx.db.select().from(planPrice).where(eq(planPrice.id, pro)))[0]?.stripePriceId,
    });

    // Canceled at period end, a second cancel is refused; resumed, a second resume is.
    await api.subscription.cancel();
    expect(await codeOf(api.subscription.cancel())).toBe("CONFLICT");
    await api.subscription.resume();
    expect(await codeOf(api.subscription.resume())).toBe("CONFLICT");
  });

  it("a granted or lifetime plan has no subscription to change, cancel or resume", async () => {
    const { org, owner } = await fx.createOrg("no-stripe-plan");
    const api = await owner.caller("no-stripe-plan");
    const business = await priceIdOf("business_month_usd");
    const pro = await priceIdOf("pro_month_usd");
    // Free: nothing to change.
    expect(await codeOf(api.subscription.changePlan({ priceId: business }))).toBe("CONFLICT");
    expect(await codeOf(api.subscription.resume())).toBe("CONFLICT");

    await fx.setPlan(org.id, "pro");
    const [businessPlan] = await fx.db.select().from(plan).where(eq(plan.key, "business"));
    for (const source of ["comp", "lifetime"] as const) {
      if (source === "lifetime") {
        await fx.setPlan(org.id, null);
        await fx.db.insert(organizationSubscription).values({
          organizationId: org.id,
          planId: businessPlan?.id ?? "",
          status: "active",
          source: "lifetime",
        });
      }
      const before = await fx.db
        .select()
        .from(organizationSubscription)
        .where(eq(organizationSubscription.organizationId, org.id));
      for (const call of [
        () => api.subscription.changePlan({ priceId: business }),
        () => api.subscription.cancel(),
        () => api.subscription.resume(),
        () => api.subscription.checkout({ priceId: pro }),
      ])
        expect(await codeOf(call()), source).toBe("CONFLICT");
      expect(
        await fx.db
          .select()
          .from(organizationSubscription)
          .where(eq(organizationSubscription.organizationId, org.id)),
      ).toEqual(before);
    }
  });
});
