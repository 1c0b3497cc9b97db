// Member tiers through Stripe Connect, end to end below the browser: the owner connects through the
// stand-in's onboarding page, admins sell tiers (prices on the connected account), a member buys one
// on the stand-in's hosted checkout, and the signed Connect webhooks (real HTTP, the app's endpoint,
// the real job runner) make it count, in any order and however often they come. Comped tiers, and
// activeTierOf / memberHasTier as later issues will ask.
import {
  and,
  asSystem,
  eq,
  member,
  memberTierState,
  order,
  orderItem,
  stripeEvent,
  type TenantScope,
  withTenant,
} from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  type ApiFixture,
  codeOf,
  createApiFixture,
  deliverSignedToFixture,
  payHostedCheckout,
  unpricedTierFields,
} from "../testing.ts";
import { activeTierOf, memberHasTier } from "./member-tier.ts";
import { PAYMENT_GRACE_DAYS } from "./payment-grace.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<ApiFixture["anonymous"]>>;
let owner: Caller;
let admin: Caller;
let stripeAccount: string;

const tierFields = unpricedTierFields;
const pay = payHostedCheckout;

const inAcme = <T>(fn: (scope: TenantScope) => Promise<T>) =>
  withTenant(fx.db, asSystem(acme.org.id, "test"), fn);

async function stateRow(memberId: string) {
  const [row] = await fx.db
    .select()
    .from(memberTierState)
    .where(
      and(eq(memberTierState.organizationId, acme.org.id), eq(memberTierState.memberId, memberId)),
    );
  return row;
}

/** A new member of acme with a caller. */
async function newMember(name: string) {
  const person = await fx.addMember(acme.org.id, "member", { name });
  return { ...person, api: await person.caller("acme") };
}

/** An event delivered to the app's webhook endpoint, signed as Stripe signs it. */
const deliverSigned = (event: object) => deliverSignedToFixture(fx, event);

let gold: { id: string };

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["admin"]);
  owner = await acme.owner.caller("acme");
  const adminPerson = acme.members.admin;
  if (!adminPerson) throw new Error("no admin");
  admin = await adminPerson.caller("acme");
});
afterAll(() => fx.drop());

describe("connecting Stripe", () => {
  it("a paid tier waits for a connected account that takes payments", async () => {
    expect(await admin.connect.status()).toBeNull();
    expect(
      await codeOf(admin.memberTier.create({ ...tierFields, name: "Gold", monthlyPrice: 900 })),
    ).toBe("CONFLICT");
    // Only the owner connects.
    expect(await codeOf(admin.connect.start())).toBe("FORBIDDEN");
  });

  it("the owner onboards on Stripe's page and account.updated enables payments", async () => {
    const { url } = await owner.connect.start();
    // A second click makes no second account.
    const again = await owner.connect.start();
    const status = await admin.connect.status();
    expect(status).toMatchObject({ chargesEnabled: false, detailsSubmitted: false });
    stripeAccount = status?.stripeAccountId ?? "";
    expect(stripeAccount).toMatch(/^acct_/);
    expect(again.url).not.toBe(url);
    const account = await fx.stripe.stripe.client.accounts.retrieve(stripeAccount);
    expect(account.metadata).toMatchObject({
      guild_purpose: "member_tier",
      organization_id: acme.org.id,
    });

    const done = await fetch(url, { method: "POST", redirect: "manual" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("http://localhost:3999/o/acme/tiers?connect=return");
    // The webhook alone (no sync) brings the news.
    await fx.stripe.settle();
    expect(await admin.connect.status()).toMatchObject({
      stripeAccountId: stripeAccount,
      chargesEnabled: true,
      payoutsEnabled: true,
      detailsSubmitted: true,
    });
  });
});

describe("the catalog", () => {
  it("admins create tiers whose prices live on the connected account", async () => {
    const created = await admin.memberTier.create({
      ...tierFields,
      name: "Gold",
      description: "Everything",
      monthlyPrice: 900,
      yearlyPrice: 9000,
      lifetimePrice: 30000,
    });
    gold = created;
    expect(created).toMatchObject({ name: "Gold", monthlyPrice: 900, status: "active" });
    const prices = await fx.stripe.stripe.client.prices.list(
      { active: true, limit: 10 },
      { stripeAccount },
    );
    const mine = prices.data.filter((p) => p.metadata.tier_id === created.id);
    expect(mine.map((p) => [p.unit_amount, p.recurring?.interval ?? "once"]).sort()).toEqual([
      [30000, "once"],
      [900, "month"],
      [9000, "year"],
    ]);
    // Nothing of it on the platform's own account.
    const platform = await fx.stripe.stripe.client.prices.list({ limit: 100 });
    expect(platform.data.filter((p) => p.metadata.tier_id === created.id)).toEqual([]);
  });

  it("a changed price is a new Stripe price; the old one is retired", async () => {
    const updated = await admin.memberTier.update({
      ...tierFields,
      id: gold.id,
      name: "Gold",
      description: "Everything",
      monthlyPrice: 1200,
      yearlyPrice: 9000,
      lifetimePrice: 30000,
    });
    expect(updated.monthlyPrice).toBe(1200);
    const prices = await fx.stripe.stripe.client.prices.list({ limit: 20 }, { stripeAccount });
    const monthly = prices.data.filter(
      (p) => p.metadata.tier_id === gold.id && p.recurring?.interval === "month",
    );
    expect(monthly.map((p) => [p.unit_amount, p.active]).sort()).toEqual([
      [1200, true],
      [900, false],
    ]);
  });

  it("members see active tiers only; archived ones are admins'", async () => {
    const old = await admin.memberTier.create({ ...tierFields, name: "Old free tier" });
    await admin.memberTier.archive({ id: old.id, archived: true });
    const member = await newMember("Browsing member");
    const names = (await member.api.memberTier.list({ includeArchived: true })).map((t) => t.name);
    expect(names).toContain("Gold");
    expect(names).not.toContain("Old free tier");
    const all = (await admin.memberTier.list({ includeArchived: true })).map((t) => t.name);
    expect(all).toContain("Old free tier");
    expect(await codeOf(member.api.memberTier.chooseFree({ tierId: old.id }))).toBe("NOT_FOUND");
  });

  it("refuses bad input with the field, and members cannot manage tiers", async () => {
    const member = await newMember("Curious member");
    expect(await codeOf(member.api.memberTier.create({ ...tierFields, name: "Mine" }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(admin.memberTier.create({ ...tierFields, name: "", monthlyPrice: -5 })),
    ).toBe("BAD_REQUEST");
    expect(await codeOf(member.api.memberTier.members({}))).toBe("FORBIDDEN");
  });
});

describe("buying a tier", () => {
  it("checkout on the connected account → webhook → the member's tier is active", async () => {
    const buyer = await newMember("Buyer");
    const { url } = await buyer.api.memberTier.checkout({ tierId: gold.id, interval: "month" });
    expect(url).toContain("/checkout/cs_test_");
    expect(await buyer.api.memberTier.mine()).toBeNull();
    expect(await pay(url)).toBe("http://localhost:3999/o/acme/tiers?checkout=success");
    await fx.stripe.settle();

    const mine = await buyer.api.memberTier.mine();
    expect(mine).toMatchObject({
      tier: { id: gold.id, name: "Gold" },
      status: "active",
      source: "stripe",
      interval: "month",
      cancelAtPeriodEnd: false,
      active: true,
    });
    expect(mine?.currentPeriodEnd?.getTime()).toBeGreaterThan(Date.now() + 25 * 86_400_000);
    expect(await inAcme((scope) => activeTierOf(scope, buyer.id))).toMatchObject({
      tierId: gold.id,
      name: "Gold",
    });
    expect(await inAcme((scope) => memberHasTier(scope, buyer.id, [gold.id]))).toBe(true);

    // The subscription carries Guild's metadata, on the connected account.
    const row = await stateRow(buyer.memberId);
    const sub = await fx.stripe.stripe.client.subscriptions.retrieve(
      row?.stripeSubscriptionId ?? "",
      {},
      { stripeAccount },
    );
    expect(sub.metadata).toMatchObject({
      guild_purpose: "member_tier",
      organization_id: acme.org.id,
      user_id: buyer.id,
      tier_id: gold.id,
    });

    // Every Connect event of the purchase was processed, by every domain's handlers, without error.
    const logged = await fx.db
      .select({ processedAt: stripeEvent.processedAt, lastError: stripeEvent.lastError })
      .from(stripeEvent)
      .where(eq(stripeEvent.account, stripeAccount));
    expect(logged.length).toBeGreaterThan(3);
    expect(logged.filter((e) => e.processedAt === null || e.lastError !== null)).toEqual([]);

    // A second purchase while this one runs is refused.
    expect(await codeOf(buyer.api.memberTier.checkout({ tierId: gold.id, interval: "year" }))).toBe(
      "CONFLICT",
    );
    // Admins see who is on which tier; the member sees only their own.
    const listed = await admin.memberTier.members({ tierId: gold.id });
    expect(listed.map((m) => m.name)).toContain("Buyer");
  });

  it("cancel keeps the tier to the period's end, resume undoes it, Stripe's end ends it", async () => {
    const buyer = await newMember("Canceller");
    await pay((await buyer.api.memberTier.checkout({ tierId: gold.id, interval: "month" })).url);
    await fx.stripe.settle();

    const cancelled = await buyer.api.memberTier.cancel();
    expect(cancelled).toMatchObject({ status: "active", cancelAtPeriodEnd: true, active: true });
    await fx.stripe.settle();
    expect(await buyer.api.memberTier.mine()).toMatchObject({ cancelAtPeriodEnd: true });

    expect(await buyer.api.memberTier.resume()).toMatchObject({ cancelAtPeriodEnd: false });
    await fx.stripe.settle();
    expect(await buyer.api.memberTier.mine()).toMatchObject({
      status: "active",
      cancelAtPeriodEnd: false,
    });

    // Ended on Stripe (customer.subscription.deleted): the tier opens nothing any more.
    const row = await stateRow(buyer.memberId);
    await fx.stripe.stripe.client.subscriptions.cancel(
      row?.stripeSubscriptionId ?? "",
      {},
      { stripeAccount },
    );
    await fx.stripe.settle();
    expect(await buyer.api.memberTier.mine()).toMatchObject({ status: "canceled", active: false });
    expect(await inAcme((scope) => activeTierOf(scope, buyer.id))).toBeNull();
    // And they may buy again.
    const again = await buyer.api.memberTier.checkout({ tierId: gold.id, interval: "year" });
    expect(again.url).toContain("/checkout/");
  });

  it("a trial makes the member trialing, and counts", async () => {
    const trial = await admin.memberTier.create({
      ...tierFields,
      name: "Trial tier",
      monthlyPrice: 500,
      trialDays: 14,
    });
    const buyer = await newMember("Trialist");
    await pay((await buyer.api.memberTier.checkout({ tierId: trial.id, interval: "month" })).url);
    await fx.stripe.settle();
    expect(await buyer.api.memberTier.mine()).toMatchObject({ status: "trialing", active: true });
    expect(await inAcme((scope) => memberHasTier(scope, buyer.id, [trial.id]))).toBe(true);
    expect(await inAcme((scope) => memberHasTier(scope, buyer.id, [gold.id]))).toBe(false);
  });

  it("a lifetime purchase is a one-time payment that stays", async () => {
    const buyer = await newMember("Lifer");
    await pay((await buyer.api.memberTier.checkout({ tierId: gold.id, interval: "lifetime" })).url);
    await fx.stripe.settle();
    expect(await buyer.api.memberTier.mine()).toMatchObject({
      status: "active",
      interval: "lifetime",
      currentPeriodEnd: null,
      active: true,
    });
    expect(await codeOf(buyer.api.memberTier.cancel())).toBe("BAD_REQUEST");

    // An order with its item, as credit packs and lifetime plans get, with its charge's receipt.
    const orders = async () =>
      fx.db
        .select()
        .from(order)
        .where(and(eq(order.organizationId, acme.org.id), eq(order.buyerUserId, buyer.id)));
    const [recorded, ...more] = await orders();
    expect(more).toEqual([]);
    expect(recorded).toMatchObject({
      purpose: "member_tier",
      status: "paid",
      amountTotal: 30000,
      currency: "usd",
      buyerMemberId: buyer.memberId,
      stripeAccountId: stripeAccount,
    });
    expect(recorded?.stripeCheckoutSessionId).toMatch(/^cs_test_/);
    expect(recorded?.stripePaymentIntentId).toMatch(/^pi_/);
    expect(recorded?.receiptUrl).toBeTruthy();
    const itemsOf = (orderId: string) =>
      fx.db
        .select()
        .from(orderItem)
        .where(and(eq(orderItem.organizationId, acme.org.id), eq(orderItem.orderId, orderId)));
    const items = await itemsOf(recorded?.id ?? "");
    expect(items).toEqual([
      expect.objectContaining({
        productRef: gold.id,
        description: "Gold, lifetime",
        quantity: 1,
        unitAmount: 30000,
        amount: 30000,
      }),
    ]);
    expect(
      (await buyer.api.payment.myOrders({ limit: 10 })).items.map((p) => p.description),
    ).toEqual(["Gold, lifetime"]);

    // The completion delivered again (real signature, the app's endpoint): nothing more.
    const completion = fx.stripe.standIn
      .events({ type: "checkout.session.completed", account: stripeAccount })
      .find((e) =>
        JSON.stringify(e.data.object).includes(recorded?.stripeCheckoutSessionId ?? "-"),
      );
    if (!completion) throw new Error("no completion event");
    expect((await deliverSigned({ ...completion, id: `${completion.id}_again` })).status).toBe(200);
    await fx.runJobs();
    expect(await orders()).toEqual([recorded]);
    expect(await itemsOf(recorded?.id ?? "")).toEqual(items);
  });

  it("out-of-order and repeated deliveries end in the state Stripe ended in", async () => {
    const buyer = await newMember("Shuffled");
    // Lose the member's Connect events on the way; they are delivered below, newest first.
    const stopDropping = fx.stripe.standIn.dropWebhooks((event) => event.account === stripeAccount);
    try {
      await pay((await buyer.api.memberTier.checkout({ tierId: gold.id, interval: "month" })).url);
      await fx.stripe.standIn.waitForWebhooks();
      const created = fx.stripe.standIn
        .events({ type: "customer.subscription.created", account: stripeAccount })
        .at(-1);
      const subscriptionId = z.object({ id: z.string() }).parse(created?.data.object).id;
      fx.stripe.standIn.advanceTime(60);
      await fx.stripe.stripe.client.subscriptions.update(
        subscriptionId,
        { cancel_at_period_end: true },
        { stripeAccount },
      );
      fx.stripe.standIn.advanceTime(60);
      await fx.stripe.stripe.client.subscriptions.cancel(subscriptionId, {}, { stripeAccount });
      const events = fx.stripe.standIn
        .events({ account: stripeAccount })
        .filter((e) => JSON.stringify(e.data.object).includes(buyer.id));
      expect(events.map((e) => e.type)).toContain("customer.subscription.deleted");

      const deliver = async (event: (typeof events)[number]) =>
        expect((await deliverSigned(event)).status).toBe(200);
      // Newest first, each processed before the next arrives.
      for (const event of [...events].reverse()) {
        await deliver(event);
        await fx.runJobs();
      }
      expect(await buyer.api.memberTier.mine()).toMatchObject({
        status: "canceled",
        active: false,
      });
      const settled = await stateRow(buyer.memberId);

      // Every one again, in order this time: already logged, nothing changes.
      for (const event of events) await deliver(event);
      await fx.runJobs();
      expect(await stateRow(buyer.memberId)).toEqual(settled);
      const logged = await fx.db
        .select({ id: stripeEvent.id })
        .from(stripeEvent)
        .where(eq(stripeEvent.account, stripeAccount));
      expect(logged.filter((row) => events.some((e) => e.id === row.id))).toHaveLength(
        events.length,
      );
    } finally {
      stopDropping();
    }
  });

  it("an event naming another organization's tier from this account changes nothing", async () => {
    const other = await fx.createOrg("other-tiers");
    const otherOwner = await other.owner.caller("other-tiers");
    const victim = await newMember("Target");
    // The person is a member there too, and the tier is the other organization's own: only the
    // account check stands between the forged event and a free tier.
    const otherTier = await otherOwner.memberTier.create({ ...tierFields, name: "Other tier" });
    await fx.db
      .insert(member)
      .values({ organizationId: other.org.id, userId: victim.id, role: "member" });
    // acme's account sends a subscription whose metadata claims the other organization.
    const forged = {
      id: "evt_forged_tier",
      object: "event",
      type: "customer.subscription.created",
      account: stripeAccount,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: {
        object: {
          id: "sub_forged",
          object: "subscription",
          status: "active",
          created: Math.floor(Date.now() / 1000),
          customer: "cus_forged",
          cancel_at_period_end: false,
          metadata: {
            guild_purpose: "member_tier",
            organization_id: other.org.id,
            user_id: victim.id,
            tier_id: otherTier.id,
          },
          items: { data: [] },
        },
      },
    };
    expect((await deliverSigned(forged)).status).toBe(200);
    await fx.runJobs();
    expect(await otherOwner.memberTier.members({})).toEqual([]);
    expect(await victim.api.memberTier.mine()).toBeNull();
  });
});

describe("comped and free tiers", () => {
  it("an admin grants a tier by hand and revokes it; it counts while it lasts", async () => {
    const lucky = await newMember("Lucky");
    const granted = await admin.memberTier.grant({ memberId: lucky.memberId, tierId: gold.id });
    expect(granted).toMatchObject({ source: "comp", status: "active", active: true });
    expect(await inAcme((scope) => memberHasTier(scope, lucky.id, [gold.id]))).toBe(true);
    // Not the member's to cancel.
    expect(await codeOf(lucky.api.memberTier.cancel())).toBe("BAD_REQUEST");
    await admin.memberTier.revoke({ memberId: lucky.memberId });
    expect(await lucky.api.memberTier.mine()).toMatchObject({ status: "canceled", active: false });
    expect(await inAcme((scope) => activeTierOf(scope, lucky.id))).toBeNull();
    expect(await codeOf(admin.memberTier.revoke({ memberId: lucky.memberId }))).toBe("BAD_REQUEST");
  });

  it("a comp never replaces a tier the member pays for; a purchase replaces a comp", async () => {
    const payer = await newMember("Payer");
    await admin.memberTier.grant({ memberId: payer.memberId, tierId: gold.id });
    await pay((await payer.api.memberTier.checkout({ tierId: gold.id, interval: "month" })).url);
    await fx.stripe.settle();
    expect(await payer.api.memberTier.mine()).toMatchObject({ source: "stripe", active: true });
    expect(
      await codeOf(admin.memberTier.grant({ memberId: payer.memberId, tierId: gold.id })),
    ).toBe("CONFLICT");
  });

  it("a member chooses a free tier and leaves it", async () => {
    const free = await admin.memberTier.create({ ...tierFields, name: "Community" });
    const joiner = await newMember("Joiner");
    expect(await joiner.api.memberTier.chooseFree({ tierId: free.id })).toMatchObject({
      source: "free",
      active: true,
    });
    expect(await codeOf(joiner.api.memberTier.chooseFree({ tierId: gold.id }))).toBe("BAD_REQUEST");
    expect(await joiner.api.memberTier.cancel()).toMatchObject({ status: "canceled" });
  });
});

describe("a failed renewal", () => {
  it("past_due opens paid content for the grace period after the failure, then not", async () => {
    const late = await newMember("Late payer");
    await admin.memberTier.grant({ memberId: late.memberId, tierId: gold.id });
    const pastDue = (daysAgo: number) =>
      fx.db
        .update(memberTierState)
        .set({
          status: "past_due",
          source: "stripe",
          pastDueSince: new Date(Date.now() - daysAgo * 86_400_000),
        })
        .where(eq(memberTierState.memberId, late.memberId));
    await pastDue(1);
    expect(await inAcme((scope) => memberHasTier(scope, late.id, [gold.id]))).toBe(true);
    expect(await late.api.memberTier.mine()).toMatchObject({ status: "past_due", active: true });
    await pastDue(PAYMENT_GRACE_DAYS + 1);
    expect(await inAcme((scope) => activeTierOf(scope, late.id))).toBeNull();
    expect(await late.api.memberTier.mine()).toMatchObject({ status: "past_due", active: false });
  });
});

describe("a member's failed tier renewal", () => {
  it("tells the member (with the way to pay) and the owners and admins, once per invoice", async () => {
    const payer = await newMember("Failing payer");
    const bystander = await newMember("Bystander");
    await pay((await payer.api.memberTier.checkout({ tierId: gold.id, interval: "month" })).url);
    await fx.stripe.settle();
    const client = fx.stripe.stripe.client;
    const [subscription] = (
      await client.subscriptions.list({ limit: 100 }, { stripeAccount })
    ).data.filter((s) => s.metadata.user_id === payer.id);
    if (!subscription) throw new Error("no subscription");
    // The member's card starts failing (Stripe's 4000 0000 0000 0341); the renewal comes.
    const failing = await client.paymentMethods.attach(
      "pm_card_chargeCustomerFail",
      { customer: String(subscription.customer) },
      { stripeAccount },
    );
    await client.subscriptions.update(
      subscription.id,
      { default_payment_method: failing.id },
      { stripeAccount },
    );
    fx.stripe.standIn.advanceTime(32 * 86_400);
    await fx.stripe.settle();
    await fx.runJobs();

    const told = async () =>
      Promise.all(
        [payer, acme.owner, acme.members.admin!, bystander].map(async (person) => {
          const api = await person.caller("acme");
          const listed = (await api.notification.list({ limit: 50 })).items.filter((n) =>
            n.kind.includes("tier_payment_failed"),
          );
          const mails = (fx.mailer.mailbox?.list(person.email) ?? []).filter((m) =>
            /payment of|Payment failed:/.test(m.subject),
          );
          return {
            inApp: listed.map((n) => [n.text, n.href]),
            mail: mails.map((m) => [m.subject, m.text.includes("/o/acme/tiers")]),
          };
        }),
      );
    // Gold is $12.00 a month since "a changed price is a new Stripe price".
    const mine = "Your payment of $12.00 for the Gold tier failed: pay it to keep your tier";
    const theirs = "Payment failed: Failing payer's $12.00 for the Gold tier";
    const once = (text: string) => ({
      inApp: [[text, "/o/acme/tiers"]],
      mail: [[`${text} (Org acme)`, true]],
    });
    const expected = [once(mine), once(theirs), once(theirs), { inApp: [], mail: [] }];
    expect(await told()).toEqual(expected);

    // The tier screen's "Pay" is the failed invoice's hosted page.
    const state = await payer.api.memberTier.mine();
    expect(state).toMatchObject({ status: "past_due", active: true });
    const open = (
      await client.invoices.list(
        { subscription: subscription.id, status: "open" },
        { stripeAccount },
      )
    ).data;
    expect(open).toHaveLength(1);
    expect(state?.unpaidInvoice).toEqual({
      url: open[0]?.hosted_invoice_url,
      amount: 1200,
      currency: "usd",
    });

    // Stripe's retry fails again, and the failure is delivered twice: nobody is told twice.
    fx.stripe.standIn.advanceTime(4 * 86_400);
    await fx.stripe.settle();
    const failures = fx.stripe.standIn
      .events({ type: "invoice.payment_failed", account: stripeAccount })
      .filter((e) => JSON.stringify(e.data.object).includes(open[0]?.id ?? "none"));
    expect(failures.length).toBeGreaterThanOrEqual(2);
    const last = failures.at(-1);
    if (last) expect((await deliverSigned({ ...last, id: `${last.id}_again` })).status).toBe(200);
    await fx.runJobs();
    expect(await told()).toEqual(expected);

    // Paid on that page: the tier is active again and nothing is left to pay.
    const paid = await fetch(open[0]?.hosted_invoice_url ?? "", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ outcome: "pay" }).toString(),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    await fx.stripe.settle();
    expect(await payer.api.memberTier.mine()).toMatchObject({
      status: "active",
      unpaidInvoice: null,
    });
  });
});
