// Orders, "buy credits", refunds and invoice records end to end on the API side: the local Stripe
// stand-in through the real `stripe` SDK, its signed webhooks over real HTTP into the real
// endpoint (receiveStripeWebhook: verified, logged, job enqueued), the real job runner, a real
// database. What a member would notice: the balance rises once per purchase however often the
// event comes, a refund takes back what is left of the pack and never more, and the payment
// history shows invoices of the plan and of members' tiers.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  asSystem,
  billingCustomer,
  connectedAccount,
  creditEntry,
  eq,
  order,
  orderItem,
  organizationSubscription,
  planPrice,
  sql,
  stripeEvent,
  withTenant,
} from "@guild/db";
import { type StripeStandIn, startStripeStandIn } from "@guild/stripe-stand-in";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import type { PaymentCursor } from "../schemas/payment.ts";
import {
  type ApiFixture,
  createApiFixture,
  deliverSigned as deliverSignedEvent,
} from "../testing.ts";
import { receiveStripeWebhook } from "../webhooks/stripe.ts";
import { spendCredits } from "./credit.ts";
import { createStripe, type StripeDeps } from "./stripe-client.ts";
import { processStripeEvent } from "./stripe-event.ts";

let fx: ApiFixture;
let standIn: StripeStandIn;
let stripeDeps: StripeDeps;
let stripe: Stripe;
let hook: Server;
let org: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let buyer: Awaited<ReturnType<ApiFixture["addMember"]>>;
const OWNER_BILLING_EMAIL = "billing-owner@shop.test";

beforeAll(async () => {
  // The webhook endpoint, as the server mounts it, on a port of its own.
  hook = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.from(chunk));
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(name, value);
    const response = await receiveStripeWebhook(
      { db: fx.db, clock: fx.jobDeps.clock, stripe: stripeDeps },
      new Request("http://hook.test/api/webhooks/stripe", {
        method: "POST",
        headers,
        body: Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status).end(await response.text());
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  const address = hook.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  const { port } = address satisfies AddressInfo;
  standIn = await startStripeStandIn({
    webhookUrl: `http://127.0.0.1:${port}/api/webhooks/stripe`,
    retryDelaysMs: [20, 40, 80],
    tickMs: 0,
  });
  stripeDeps = createStripe({
    secretKey: "sk_test_orders",
    webhookSecret: standIn.webhookSecret,
    standIn: standIn.stripeConfig,
  });
  stripe = stripeDeps.client;
  fx = await createApiFixture(inject("pgAdminUrl"), { stripe: stripeDeps });
  org = await fx.createOrg("shop", ["admin"]);
  buyer = await fx.addMember(org.org.id, "member", { name: "Bea Buyer" });
  // shop's platform customer, as the owner's plan checkout leaves it: with the owner's billing
  // address (which a member's checkout must not show).
  const customer = await stripe.customers.create({
    name: "Shop",
    email: OWNER_BILLING_EMAIL,
    metadata: { guild_purpose: "organization_plan", organization_id: org.org.id },
  });
  await withTenant(fx.db, asSystem(org.org.id, "test"), (scope) =>
    scope.db
      .insert(billingCustomer)
      .values({ organizationId: org.org.id, stripeCustomerId: customer.id }),
  );
});
afterAll(async () => {
  await standIn?.stop();
  await new Promise<void>((resolve) => hook?.close(() => resolve()));
  await fx?.drop();
});

/** Lets the stand-in deliver everything, then runs the jobs its events enqueued. */
async function settle() {
  await standIn.waitForWebhooks();
  await fx.runJobs();
}

/** Pays a hosted checkout page as a browser would (its Pay button); answers where it leads. */
async function pay(url: string) {
  const paid = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ outcome: "pay", name: "Test Card" }).toString(),
    redirect: "manual",
  });
  expect(paid.status).toBe(303);
  await settle();
  return paid.headers.get("location");
}

/** The member buys a pack on the hosted checkout page; returns the session id. */
async function buy(person: { caller: ApiFixture["anonymous"] }, packId: string) {
  const api = await person.caller("shop");
  const { url, checkoutSessionId } = await api.credit.buy({ packId });
  expect(await pay(url)).toContain(`/o/shop/credits?checkout=${checkoutSessionId}`);
  return checkoutSessionId;
}

async function balanceOf(person: { caller: ApiFixture["anonymous"] }) {
  return (await (await person.caller("shop")).credit.balance({})).balance;
}

async function orderOf(checkoutSessionId: string) {
  const [row] = await fx.db
    .select()
    .from(order)
    .where(eq(order.stripeCheckoutSessionId, checkoutSessionId));
  if (!row) throw new Error("no order");
  return row;
}

function completedEventOf(checkoutSessionId: string) {
  const event = standIn
    .events({ type: "checkout.session.completed" })
    .find((e) => JSON.stringify(e.data.object).includes(checkoutSessionId));
  if (!event) throw new Error("no completion event");
  return event;
}

/** A replay (the admin console's button): the logged event processed again from scratch. */
async function replay(eventId: string) {
  await fx.db.update(stripeEvent).set({ processedAt: null }).where(eq(stripeEvent.id, eventId));
  await processStripeEvent(fx.jobDeps, eventId);
}

/** An event delivered to the app's webhook endpoint, signed as Stripe signs it, then processed. */
async function deliverSigned(event: object) {
  const response = await deliverSignedEvent(
    { db: fx.db, clock: fx.jobDeps.clock, stripe: stripeDeps },
    standIn.webhookSecret,
    event,
  );
  expect(response.status).toBe(200);
  await fx.runJobs();
}

/** The organization's platform customer (the plan's checkout makes it). */
async function customerOf(organizationId: string) {
  const [row] = await fx.db
    .select()
    .from(billingCustomer)
    .where(eq(billingCustomer.organizationId, organizationId));
  if (!row) throw new Error("no billing customer");
  return row.stripeCustomerId;
}

async function spend(memberId: string, amount: number, key: string) {
  await withTenant(fx.db, asSystem(org.org.id, "test"), (scope) =>
    spendCredits(scope, { memberId, amount, idempotencyKey: key, description: "Generated a post" }),
  );
}

describe("buy credits", () => {
  it("lists the catalog's packs, cheapest first", async () => {
    const packs = await (await buyer.caller("shop")).credit.packs();
    expect(packs.map((p) => [p.id, p.credits, p.unitAmount])).toEqual([
      ["credits-50", 50, 500],
      ["credits-200", 200, 1500],
      ["credits-1000", 1000, 6000],
    ]);
  });

  it("refuses a pack that is not on sale, with the field named", async () => {
    const api = await buyer.caller("shop");
    await expect(api.credit.buy({ packId: "credits-7" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("raises the balance once: a redelivered event and a replay grant nothing more", async () => {
    const before = await balanceOf(buyer);
    const session = await buy(buyer, "credits-200");
    expect(await balanceOf(buyer)).toBe(before + 200);
    const paid = await orderOf(session);
    expect(paid).toMatchObject({ status: "paid", amountTotal: 1500, currency: "usd" });
    expect(paid.stripePaymentIntentId).toMatch(/^pi_/);
    // Its charge and receipt from the start, not only once refunded: the history links it.
    const intent = await stripe.paymentIntents.retrieve(paid.stripePaymentIntentId ?? "");
    expect(paid.stripeChargeId).toBe(intent.latest_charge);
    expect(paid.receiptUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/receipt\//);
    expect((await fetch(paid.receiptUrl ?? "")).status).toBe(200);
    const mine = await (await buyer.caller("shop")).payment.myOrders({});
    expect(mine.items.find((p) => p.id === paid.id)?.url).toBe(paid.receiptUrl);
    // The member's own purchase: not as the organization's customer (whose billing address the
    // hosted page would show the member), the page and the receipt addressed to the member.
    expect(intent.customer).toBeNull();
    expect(intent.receipt_email).toBe(buyer.email);
    const checkout = await stripe.checkout.sessions.retrieve(session);
    expect(checkout.customer).toBeNull();
    expect(checkout.customer_email).toBe(buyer.email);
    expect(JSON.stringify(checkout)).not.toContain(OWNER_BILLING_EMAIL);

    // Stripe sends it again (same event id): logged once, nothing more.
    const event = completedEventOf(session);
    standIn.resendEvent(event.id);
    await settle();
    // The admin replays it: processed again, still nothing more.
    await replay(event.id);
    expect(await balanceOf(buyer)).toBe(before + 200);
    const purchases = await fx.db
      .select()
      .from(creditEntry)
      .where(eq(creditEntry.reference, paid.id));
    expect(purchases.map((e) => [e.kind, e.amount])).toEqual([["purchase", 200]]);
    const orders = await fx.db
      .select()
      .from(order)
      .where(eq(order.stripeCheckoutSessionId, session));
    expect(orders).toHaveLength(1);

    // Recorded before its charge was known (a delayed payment's completion): the next delivery
    // fills the charge in and changes nothing else.
    await fx.db
      .update(order)
      .set({ stripeChargeId: null, receiptUrl: null })
      .where(eq(order.id, paid.id));
    await replay(event.id);
    expect(await orderOf(session)).toEqual({ ...paid, updatedAt: expect.any(Date) });

    // The checkout's page (where Stripe sends the buyer back) sees it, and only the buyer does.
    const status = await (await buyer.caller("shop")).payment.checkout({
      checkoutSessionId: session,
    });
    expect(status.order).toMatchObject({ status: "paid", credits: 200 });
    const stranger = await (await org.members.admin!.caller("shop")).payment.checkout({
      checkoutSessionId: session,
    });
    expect(stranger.order).toBeNull();
  });

  it("a refund after a partial spend takes back what is left of the pack, and says what was spent", async () => {
    const person = await fx.addMember(org.org.id, "member", { name: "Pat Partial" });
    const session = await buy(person, "credits-200");
    // 10 (welcome bonus) + 200; 50 spent: the bonus first, then 40 of the pack.
    await spend(person.memberId, 50, "partial-1");
    expect(await balanceOf(person)).toBe(160);
    const { stripePaymentIntentId } = await orderOf(session);
    if (!stripePaymentIntentId) throw new Error("no payment intent");

    // Half the money back: the order says so, the credits stay.
    await stripe.refunds.create({ payment_intent: stripePaymentIntentId, amount: 750 });
    await settle();
    expect(await orderOf(session)).toMatchObject({
      status: "partially_refunded",
      amountRefunded: 750,
    });
    expect(await balanceOf(person)).toBe(160);

    // The rest: the pack's remaining 160 go, the ledger records the 40 already spent.
    await stripe.refunds.create({ payment_intent: stripePaymentIntentId });
    await settle();
    expect(await orderOf(session)).toMatchObject({ status: "refunded", amountRefunded: 1500 });
    expect(await balanceOf(person)).toBe(0);
    const history = await (await person.caller("shop")).credit.history({});
    expect(history.items[0]).toMatchObject({
      kind: "refund",
      amount: -160,
      balanceAfter: 0,
      description: "Refund: 160 of 200 credits taken back, 40 already spent",
    });

    // Delivered again and replayed: nothing more taken.
    const refunded = standIn.events({ type: "charge.refunded" }).at(-1);
    if (!refunded) throw new Error("no charge.refunded");
    await replay(refunded.id);
    expect(await balanceOf(person)).toBe(0);
    expect((await (await person.caller("shop")).credit.history({})).items[0]?.seq).toBe(
      history.items[0]?.seq,
    );
  });

  it("a refund when the balance is lower than the pack takes only what is left, never below zero", async () => {
    const person = await fx.addMember(org.org.id, "member", { name: "Lou Low" });
    await buy(person, "credits-50");
    const big = await buy(person, "credits-200");
    // 10 + 50 + 200 = 260; 240 spent (oldest first): the bonus, the 50 pack, 180 of the 200.
    await spend(person.memberId, 240, "low-1");
    expect(await balanceOf(person)).toBe(20);
    const { stripePaymentIntentId } = await orderOf(big);
    await stripe.refunds.create({ payment_intent: stripePaymentIntentId ?? "" });
    await settle();
    expect(await balanceOf(person)).toBe(0);
    const [last] = (await (await person.caller("shop")).credit.history({ limit: 1 })).items;
    expect(last).toMatchObject({ kind: "refund", amount: -20, balanceAfter: 0 });
    expect(last?.description).toBe("Refund: 20 of 200 credits taken back, 180 already spent");
  });

  it("a refund delivered before the checkout's completion waits for the order, then applies once", async () => {
    const person = await fx.addMember(org.org.id, "member", { name: "Otto Order" });
    const session = await buy(person, "credits-50");
    const { stripePaymentIntentId, id } = await orderOf(session);
    // As if the completion had not arrived yet: its order and grant gone, the event unprocessed.
    await stripe.refunds.create({ payment_intent: stripePaymentIntentId ?? "" });
    await standIn.waitForWebhooks();
    await withTenant(fx.db, asSystem(org.org.id, "test"), async (scope) => {
      await scope.db.execute(sql`delete from credit_entry where reference = ${id}`);
      await scope.db.execute(sql`delete from credit_lot where organization_id = ${org.org.id}
        and member_id = ${person.memberId} and kind = 'purchase'`);
      await scope.db.execute(
        sql`update credit_account set balance = 10 where member_id = ${person.memberId}`,
      );
      await scope.db.delete(order).where(eq(order.id, id));
    });
    const refundEvent = standIn.events({ type: "charge.refunded" }).at(-1);
    if (!refundEvent) throw new Error("no charge.refunded");
    await fx.db
      .update(stripeEvent)
      .set({ processedAt: null })
      .where(eq(stripeEvent.id, refundEvent.id));
    // The refund first: it fails (the job retries it later), changing nothing.
    await expect(processStripeEvent(fx.jobDeps, refundEvent.id)).rejects.toThrow(
      /not recorded yet/,
    );
    expect(await balanceOf(person)).toBe(10);
    // Then the completion, then the refund's retry.
    await replay(completedEventOf(session).id);
    expect(await balanceOf(person)).toBe(60);
    await processStripeEvent(fx.jobDeps, refundEvent.id);
    expect(await balanceOf(person)).toBe(10);
    expect(await orderOf(session)).toMatchObject({ status: "refunded" });
  });
});

describe("invoices", () => {
  async function recurringPrice(options?: Stripe.RequestOptions) {
    const product = await stripe.products.create({ name: "Pro" }, options);
    return stripe.prices.create(
      { product: product.id, currency: "usd", unit_amount: 2900, recurring: { interval: "month" } },
      options,
    );
  }

  it("records the organization plan's invoice from a platform event, with its hosted page", async () => {
    const price = await recurringPrice();
    // The organization's own customer: an invoice of another customer is not its (see below).
    const customer = await stripe.customers.update(await customerOf(org.org.id), {
      invoice_settings: { default_payment_method: "pm_card_visa" },
    });
    await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      metadata: {
        guild_purpose: "organization_plan",
        organization_id: org.org.id,
        plan_key: "pro",
      },
    });
    await settle();
    const admin = await org.members.admin!.caller("shop");
    const history = await admin.payment.organizationHistory({});
    const invoice = history.items.find((p) => p.kind === "invoice");
    expect(invoice).toMatchObject({
      status: "paid",
      amount: 2900,
      currency: "usd",
      payerName: null,
    });
    expect(invoice?.url).toMatch(/\/invoice\/in_/);
    expect((await fetch(invoice?.url ?? "")).status).toBe(200);
    expect(invoice?.periodEnd?.getTime()).toBeGreaterThanOrEqual(
      invoice?.periodStart?.getTime() ?? 0,
    );
  });

  it("records a failed payment, and a late failure never undoes a payment", async () => {
    const price = await recurringPrice();
    const customer = await stripe.customers.update(await customerOf(org.org.id), {
      invoice_settings: { default_payment_method: "pm_card_chargeCustomerFail" },
    });
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      payment_behavior: "allow_incomplete",
      metadata: { guild_purpose: "organization_plan", organization_id: org.org.id },
    });
    await settle();
    const invoiceId =
      typeof sub.latest_invoice === "string" ? sub.latest_invoice : sub.latest_invoice?.id;
    const admin = await org.members.admin!.caller("shop");
    const find = async () =>
      (await admin.payment.organizationHistory({ limit: 100 })).items.filter(
        (p) => p.kind === "invoice" && p.amount === 2900 && p.status !== "paid",
      );
    expect((await find()).map((p) => p.status)).toEqual(["payment_failed"]);

    // The owner and the admin hear of it in the app and by mail, with billing settings' link;
    // a member does not. Stripe delivering the failure again tells nobody twice.
    const failed = standIn
      .events({ type: "invoice.payment_failed" })
      .find((e) => JSON.stringify(e.data.object).includes(invoiceId ?? "none"));
    if (!failed) throw new Error("no invoice.payment_failed");
    const text =
      "Payment failed for the $29.00 invoice of your plan: update the payment method in billing settings";
    const told = async () => {
      const people = [org.owner, org.members.admin!, buyer];
      return Promise.all(
        people.map(async (person) => {
          const api = await person.caller("shop");
          const listed = (await api.notification.list({ limit: 50 })).items.filter(
            (n) => n.kind === "billing.payment_failed",
          );
          const mails = (fx.mailer.mailbox?.list(person.email) ?? []).filter((m) =>
            m.subject.startsWith("Payment failed"),
          );
          return {
            inApp: listed.map((n) => [n.text, n.href]),
            mail: mails.map((m) => [m.subject, m.text.includes(`/o/shop/billing`)]),
          };
        }),
      );
    };
    const once = {
      inApp: [[text, "/o/shop/billing"]],
      mail: [[`${text} (Org shop)`, true]],
    };
    const nothing = { inApp: [], mail: [] };
    expect(await told()).toEqual([once, once, nothing]);
    standIn.resendEvent(failed.id);
    await settle();
    await replay(failed.id);
    await fx.runJobs();
    expect(await told()).toEqual([once, once, nothing]);

    // The customer pays on the hosted page: paid. Then the old failure event is replayed.
    await stripe.invoices.pay(invoiceId ?? "", { payment_method: "pm_card_visa" });
    await settle();
    expect(await find()).toEqual([]);
    await replay(failed?.id ?? "");
    expect(await find()).toEqual([]);
  });

  it("records a member's tier invoice from a Connect event, as that member's payment", async () => {
    const account = await stripe.accounts.create({ type: "express", email: "shop@shop.test" });
    // As the owner's connecting leaves it (connect.start; member-tier.test.ts goes through it).
    await withTenant(fx.db, asSystem(org.org.id, "test"), (scope) =>
      scope.db
        .insert(connectedAccount)
        .values({ organizationId: org.org.id, stripeAccountId: account.id, chargesEnabled: true }),
    );
    const opts = { stripeAccount: account.id };
    const price = await recurringPrice(opts);
    const customer = await stripe.customers.create(
      { email: "bea@example.com", invoice_settings: { default_payment_method: "pm_card_visa" } },
      opts,
    );
    await stripe.subscriptions.create(
      {
        customer: customer.id,
        items: [{ price: price.id }],
        metadata: {
          guild_purpose: "member_tier",
          organization_id: org.org.id,
          user_id: buyer.id,
          tier_id: "gold",
        },
      },
      opts,
    );
    await settle();
    const mine = await (await buyer.caller("shop")).payment.memberHistory({});
    const tier = mine.items.find((p) => p.kind === "invoice");
    expect(tier).toMatchObject({ status: "paid", amount: 2900, payerName: "Bea Buyer" });
    // The buyer's own orders are there too; their orders list has the orders only.
    expect(mine.items.some((p) => p.kind === "order" && p.credits === 200)).toBe(true);
    const orders = await (await buyer.caller("shop")).payment.myOrders({});
    expect(orders.items.every((p) => p.kind === "order")).toBe(true);
  });
});

describe("an event whose metadata names another organization", () => {
  it("records nothing there: not a pack, not a plan's invoice, not a tier's", async () => {
    // Another organization with its own customer, and the buyer a member there too.
    const other = await fx.createOrg("elsewhere");
    const ownCustomer = await stripe.customers.create({ name: "Org elsewhere" });
    await withTenant(fx.db, asSystem(other.org.id, "test"), (scope) =>
      scope.db
        .insert(billingCustomer)
        .values({ organizationId: other.org.id, stripeCustomerId: ownCustomer.id }),
    );
    const victim = await fx.addMember(other.org.id, "member", { name: "Vic Victim" });
    // shop's real events (a credit pack's completion sealed for shop, a plan invoice of
    // shop's customer, a tier invoice from shop's connected account), rewritten to name the
    // other organization, as a mix-up or whoever controls a connected account could.
    const session = await buy(buyer, "credits-50");
    const originals = [
      completedEventOf(session),
      ...standIn.events({ type: "invoice.paid" }).filter((e) => {
        const text = JSON.stringify(e.data.object);
        return text.includes(org.org.id) && /organization_plan|member_tier/.test(text);
      }),
    ];
    expect(originals.map((e) => Boolean(e.account))).toEqual(expect.arrayContaining([false, true]));
    for (const original of originals) {
      const forged = JSON.parse(
        JSON.stringify(original)
          .replaceAll(org.org.id, other.org.id)
          .replaceAll(buyer.id, victim.id),
      );
      await deliverSigned({ ...forged, id: `${original.id}_forged` });
    }
    const otherOwner = await other.owner.caller("elsewhere");
    expect((await otherOwner.payment.organizationHistory({})).items).toEqual([]);
    expect((await (await victim.caller("elsewhere")).credit.balance({})).balance).toBe(10);
    // Processed (nothing to retry), changing nothing.
    const logged = await fx.db
      .select({ processedAt: stripeEvent.processedAt })
      .from(stripeEvent)
      .where(sql`${stripeEvent.id} like '%\\_forged'`);
    expect(logged).toHaveLength(originals.length);
    expect(logged.every((row) => row.processedAt !== null)).toBe(true);
  });
});

describe("a completion naming a payment Stripe does not know", () => {
  it("is processed as not ours, once, with the reason logged: no order, no credits, no retry", async () => {
    // A real, sealed completion of shop's, pointing at another session and a payment intent
    // that does not exist on the platform's account.
    const original = completedEventOf(await buy(buyer, "credits-50"));
    const before = await balanceOf(buyer);
    const { id: originalSession, payment_intent: originalIntent } = z
      .object({ id: z.string(), payment_intent: z.string() })
      .parse(original.data.object);
    const foreign = JSON.parse(
      JSON.stringify(original)
        .replaceAll(originalSession, "cs_test_not_ours")
        .replaceAll(originalIntent, "pi_not_ours"),
    );
    const logs: string[] = [];
    const response = await deliverSignedEvent(
      { db: fx.db, clock: fx.jobDeps.clock, stripe: stripeDeps },
      standIn.webhookSecret,
      { ...foreign, id: `${original.id}_unknown_payment` },
    );
    expect(response.status).toBe(200);
    await fx.runJobs({ log: (_level, message) => logs.push(message) });
    expect(logs).toContain("a checkout naming a payment Stripe does not know: not ours, no order");
    const [logged] = await fx.db
      .select()
      .from(stripeEvent)
      .where(eq(stripeEvent.id, `${original.id}_unknown_payment`));
    expect(logged).toMatchObject({ attempts: 1, lastError: null });
    expect(logged?.processedAt).not.toBeNull();
    expect(
      await fx.db.select().from(order).where(eq(order.stripeCheckoutSessionId, "cs_test_not_ours")),
    ).toEqual([]);
    expect(await balanceOf(buyer)).toBe(before);
  });
});

describe("lifetime plan", () => {
  it("an owner buys lifetime Business: an order with its item and payment, Business for life, nothing recurring; a redelivery changes nothing", async () => {
    const lifer = await fx.createOrg("lifer", ["admin"]);
    const owner = await lifer.owner.caller("lifer");
    // The catalog's lifetime price in Stripe, as pnpm db:sync-stripe leaves it.
    const product = await stripe.products.create({
      name: "Business",
      metadata: { guild_plan_key: "business" },
    });
    const price = await stripe.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 299000,
      lookup_key: "business_lifetime_usd",
    });
    const [lifetime] = await fx.db
      .update(planPrice)
      .set({ stripePriceId: price.id })
      .where(eq(planPrice.lookupKey, "business_lifetime_usd"))
      .returning();
    if (!lifetime) throw new Error("no lifetime price in the catalog");

    const { url } = await owner.subscription.checkout({ priceId: lifetime.id });
    expect(await pay(url)).toContain("/o/lifer/billing?checkout=success");

    const expectBoughtOnce = async () => {
      const state = await owner.subscription.state();
      expect(state.plan.key).toBe("business");
      expect(state.subscription).toMatchObject({
        source: "lifetime",
        status: "active",
        planKey: "business",
        interval: "lifetime",
        currentPeriodEnd: null,
      });
      expect(state.nextInvoice).toBeNull();
      const orders = await fx.db.select().from(order).where(eq(order.organizationId, lifer.org.id));
      expect(orders).toHaveLength(1);
      const [bought] = orders;
      expect(bought).toMatchObject({
        purpose: "lifetime_plan",
        status: "paid",
        amountTotal: 299000,
        currency: "usd",
      });
      expect(bought?.stripeChargeId).toMatch(/^ch_/);
      const items = await fx.db
        .select()
        .from(orderItem)
        .where(eq(orderItem.organizationId, lifer.org.id));
      expect(items.map((i) => [i.productRef, i.description, i.quantity, i.amount])).toEqual([
        ["business", "Business plan, lifetime", 1, 299000],
      ]);
      // The payment, with its receipt, in the organization's history.
      const history = await (
        await lifer.members.admin!.caller("lifer")
      ).payment.organizationHistory({});
      expect(history.items.map((p) => [p.kind, p.status, p.amount])).toEqual([
        ["order", "paid", 299000],
      ]);
      expect(history.items[0]?.url).toBe(bought?.receiptUrl);
      expect(history.items[0]?.url).toMatch(/\/receipt\//);
      // Nothing recurring: no subscription in Stripe, one plan row here.
      const customer = await customerOf(lifer.org.id);
      expect((await stripe.subscriptions.list({ customer, status: "all" })).data).toEqual([]);
      const plans = await fx.db
        .select({ source: organizationSubscription.source })
        .from(organizationSubscription)
        .where(eq(organizationSubscription.organizationId, lifer.org.id));
      expect(plans).toEqual([{ source: "lifetime" }]);
    };
    await expectBoughtOnce();

    // Stripe delivers the completion again, and the admin replays it: still once.
    const completion = standIn
      .events({ type: "checkout.session.completed" })
      .find((e) => JSON.stringify(e.data.object).includes(lifer.org.id));
    if (!completion) throw new Error("no completion");
    standIn.resendEvent(completion.id);
    await settle();
    await replay(completion.id);
    await expectBoughtOnce();
  });
});

describe("who reads whose payments", () => {
  it("a member reads their own; another member's only as an admin", async () => {
    const other = await fx.addMember(org.org.id, "member", { name: "Nosy" });
    const api = await other.caller("shop");
    await expect(api.payment.memberHistory({ memberId: buyer.memberId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(api.payment.organizationHistory({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await api.payment.myOrders({})).items).toEqual([]);
    const admin = await org.members.admin!.caller("shop");
    const theirs = await admin.payment.memberHistory({ memberId: buyer.memberId });
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.every((p) => p.payerName === "Bea Buyer")).toBe(true);
  });

  it("pages the organization's history newest first without gaps or repeats", async () => {
    const admin = await org.members.admin!.caller("shop");
    const all = await admin.payment.organizationHistory({ limit: 100 });
    const seen: string[] = [];
    let cursor: PaymentCursor | null = null;
    do {
      const page = await admin.payment.organizationHistory({ limit: 2, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((p) => p.id));
    expect(seen.length).toBeGreaterThan(4);
  });
});
