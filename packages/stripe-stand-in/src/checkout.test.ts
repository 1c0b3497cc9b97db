// The stand-in driven as the app will drive it: the real stripe SDK over HTTP, the hosted pages
// over HTTP, and a webhook receiver that verifies every delivery with constructEvent.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startStripeStandIn } from "./server.ts";
import { type Harness, startHarness, startReceiver, submitForm } from "./test-support.ts";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

async function plan(name: string, amount: number, interval: "month" | "year" = "month") {
  const product = await h.stripe.products.create({ name, metadata: { plan: name.toLowerCase() } });
  const price = await h.stripe.prices.create({
    product: product.id,
    currency: "usd",
    unit_amount: amount,
    recurring: { interval },
    lookup_key: `${name.toLowerCase()}_${interval}`,
  });
  return { product, price };
}

function types(events: Stripe.Event[]): string[] {
  return events.map((e) => e.type);
}

describe("subscription checkout through the hosted page", () => {
  it("subscribes, redirects to success_url and delivers verified events", async () => {
    const { price } = await plan("Pro", 2900);
    const session = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: price.id, quantity: 3 }],
      customer_email: "owner@example.com",
      client_reference_id: "org_123",
      metadata: { organizationId: "org_123" },
      subscription_data: { metadata: { organizationId: "org_123" } },
      success_url: "http://app.test/billing?session={CHECKOUT_SESSION_ID}",
      cancel_url: "http://app.test/billing",
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.status).toBe("open");
    expect(session.amount_total).toBe(8700);
    const url = session.url ?? "";
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Pro");
    expect(html).toContain("$87.00");

    const paid = await submitForm(url, { outcome: "pay", email: "owner@example.com" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`http://app.test/billing?session=${session.id}`);
    await h.standIn.waitForWebhooks();

    const received = h.receiver.events;
    expect(h.receiver.rejected).toBe(0);
    expect(types(received)).toEqual(
      expect.arrayContaining([
        "customer.created",
        "customer.subscription.created",
        "invoice.created",
        "invoice.finalized",
        "invoice.paid",
        "charge.succeeded",
        "customer.subscription.updated",
        "checkout.session.completed",
      ]),
    );
    expect(types(received).at(-1)).toBe("checkout.session.completed");
    const completed = received.find((e) => e.type === "checkout.session.completed");
    if (completed?.type !== "checkout.session.completed") throw new Error("no completion");
    const done = completed.data.object;
    expect(done.client_reference_id).toBe("org_123");
    expect(done.metadata).toEqual({ organizationId: "org_123" });
    expect(done.payment_status).toBe("paid");
    expect(done.subscription).toMatch(/^sub_/);
    expect(done.customer).toMatch(/^cus_/);

    const sub = await h.stripe.subscriptions.retrieve(String(done.subscription), {
      expand: ["latest_invoice", "customer"],
    });
    expect(sub.status).toBe("active");
    expect(sub.metadata).toEqual({ organizationId: "org_123" });
    expect(sub.items.data[0]?.price.id).toBe(price.id);
    expect(sub.items.data[0]?.quantity).toBe(3);
    expect(sub.items.data[0]?.id).toMatch(/^si_/);
    const invoice = sub.latest_invoice;
    if (typeof invoice !== "object" || invoice === null)
      throw new Error("latest_invoice not expanded");
    expect(invoice.id).toMatch(/^in_/);
    expect(invoice.status).toBe("paid");
    expect(invoice.amount_paid).toBe(8700);
    expect(invoice.parent?.subscription_details?.subscription).toBe(sub.id);
    const customer = sub.customer;
    if (typeof customer !== "object" || "deleted" in customer)
      throw new Error("customer not expanded");
    expect(customer.email).toBe("owner@example.com");

    // The hosted invoice page shows the paid invoice.
    const invoicePage = await fetch(invoice.hosted_invoice_url ?? "");
    expect(await invoicePage.text()).toContain("paid");

    const retrieved = await h.stripe.checkout.sessions.retrieve(session.id, {
      expand: ["line_items"],
    });
    expect(retrieved.status).toBe("complete");
    expect(retrieved.line_items?.data[0]?.price?.id).toBe(price.id);
  });

  it("in dev, the portal's failing card and the dashboard's time travel make a renewal fail", async () => {
    const { price } = await plan("Pro", 2900);
    const session = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: "http://app.test/ok",
    });
    await submitForm(session.url ?? "", { outcome: "pay", email: "dev@example.com" });
    const subId = String((await h.stripe.checkout.sessions.retrieve(session.id)).subscription);
    const sub = await h.stripe.subscriptions.retrieve(subId);
    const portal = await h.stripe.billingPortal.sessions.create({ customer: String(sub.customer) });
    await submitForm(portal.url, { subscription: subId, action: "card_fails" });
    expect(await (await fetch(portal.url)).text()).toContain("•••• 0341");

    const dashboard = await (await fetch(`${h.standIn.url}/_stand-in/dashboard`)).text();
    expect(dashboard).toContain("dev@example.com");
    const periodEnd = sub.items.data[0]?.current_period_end ?? 0;
    const advanced = await fetch(`${h.standIn.url}/_stand-in/advance`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "days=31",
    });
    expect(advanced.status).toBe(200);
    expect(await advanced.text()).toContain("past_due");
    const pastDue = await h.stripe.subscriptions.retrieve(subId);
    expect(pastDue.status).toBe("past_due");
    expect(pastDue.items.data[0]?.current_period_start).toBe(periodEnd);
    await h.standIn.waitForWebhooks();
    const failed = h.receiver.events.find((e) => e.type === "invoice.payment_failed");
    expect(failed?.created).toBe(periodEnd);
  });

  it("a declined card leaves the session open and sends nothing", async () => {
    const { price } = await plan("Pro", 2900);
    const session = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: "http://app.test/ok",
    });
    const declined = await submitForm(session.url ?? "", {
      outcome: "decline",
      email: "a@example.com",
    });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain("Your card was declined.");
    await h.standIn.waitForWebhooks();
    expect(
      types(h.receiver.events).filter((t) => !t.startsWith("product.") && !t.startsWith("price.")),
    ).toEqual([]);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
    expect((await h.stripe.subscriptions.list()).data).toHaveLength(0);
  });

  it("trial checkout starts trialing with nothing charged", async () => {
    const { price } = await plan("Business", 9900);
    const session = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: price.id, quantity: 1 }],
      subscription_data: { trial_period_days: 14 },
      success_url: "http://app.test/ok",
    });
    expect(await (await fetch(session.url ?? "")).text()).toContain("14-day trial");
    expect(
      (await submitForm(session.url ?? "", { outcome: "pay", email: "t@example.com" })).status,
    ).toBe(303);
    const done = await h.stripe.checkout.sessions.retrieve(session.id, {
      expand: ["subscription"],
    });
    expect(done.payment_status).toBe("no_payment_required");
    const sub = done.subscription;
    if (typeof sub !== "object" || sub === null) throw new Error("not expanded");
    expect(sub.status).toBe("trialing");
    expect((sub.trial_end ?? 0) - (sub.trial_start ?? 0)).toBe(14 * 86_400);
    expect((await h.stripe.charges.list()).data).toHaveLength(0);
  });

  it("one-time payment, then a partial refund sends charge.refunded", async () => {
    const product = await h.stripe.products.create({ name: "100 credits" });
    const price = await h.stripe.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 1000,
    });
    const session = await h.stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price: price.id, quantity: 2 }],
      payment_intent_data: { metadata: { pack: "100" }, receipt_email: "buyer@example.com" },
      metadata: { order: "o1" },
      success_url: "http://app.test/ok",
    });
    expect(
      (await submitForm(session.url ?? "", { outcome: "pay", email: "b@example.com" })).status,
    ).toBe(303);
    const done = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(done.payment_status).toBe("paid");
    const intent = await h.stripe.paymentIntents.retrieve(String(done.payment_intent));
    expect(intent.status).toBe("succeeded");
    expect(intent.amount).toBe(2000);
    expect(intent.metadata).toEqual({ pack: "100" });
    // Its charge, as Stripe gives it when asked to expand latest_charge: the receipt's address
    // and where it is sent.
    const withCharge = await h.stripe.paymentIntents.retrieve(intent.id, {
      expand: ["latest_charge"],
    });
    const charge = withCharge.latest_charge;
    if (!charge || typeof charge === "string") throw new Error("latest_charge not expanded");
    expect(charge).toMatchObject({
      id: intent.latest_charge,
      object: "charge",
      status: "succeeded",
      payment_intent: intent.id,
      receipt_email: "buyer@example.com",
      metadata: { pack: "100" },
    });
    expect((await fetch(charge.receipt_url ?? "")).status).toBe(200);
    const refund = await h.stripe.refunds.create({ payment_intent: intent.id, amount: 500 });
    expect(refund.id).toMatch(/^re_/);
    await expect(
      h.stripe.refunds.create({ payment_intent: intent.id, amount: 5000 }),
    ).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      param: "amount",
    });
    await h.standIn.waitForWebhooks();
    const refunded = h.receiver.events.find((e) => e.type === "charge.refunded");
    if (refunded?.type !== "charge.refunded") throw new Error("no charge.refunded");
    expect(refunded.data.object.amount_refunded).toBe(500);
    expect(refunded.data.object.refunded).toBe(false);
    expect(refunded.data.object.payment_intent).toBe(intent.id);
  });
});

describe("API behaviour", () => {
  it("replays an idempotent request and refuses the key with other params", async () => {
    const first = await h.stripe.customers.create(
      { email: "i@example.com" },
      { idempotencyKey: "key-1" },
    );
    const again = await h.stripe.customers.create(
      { email: "i@example.com" },
      { idempotencyKey: "key-1" },
    );
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    await expect(
      h.stripe.customers.create({ email: "other@example.com" }, { idempotencyKey: "key-1" }),
    ).rejects.toMatchObject({ type: "StripeIdempotencyError" });
    expect((await h.stripe.customers.list()).data).toHaveLength(1);
    expect(h.standIn.events({ type: "customer.created" })).toHaveLength(1);
  });

  it("answers bad requests in Stripe's error format", async () => {
    await expect(
      h.stripe.prices.create({ product: "prod_missing", unit_amount: 100, currency: "usd" }),
    ).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 404,
      code: "resource_missing",
      param: "product",
      message: "No such product: 'prod_missing'",
    });
    const product = await h.stripe.products.create({ name: "X" });
    // @ts-expect-error currency is required: the stand-in says so, as Stripe does.
    const missingCurrency = h.stripe.prices.create({ product: product.id, unit_amount: 100 });
    await expect(missingCurrency).rejects.toMatchObject({
      statusCode: 400,
      code: "parameter_missing",
      param: "currency",
    });
    const raw = await fetch(`${h.standIn.url}/v1/customers`, { method: "POST" });
    expect(raw.status).toBe(401);
    const body: unknown = await raw.json();
    expect(body).toMatchObject({ error: { type: "invalid_request_error" } });
    const unknown = await fetch(`${h.standIn.url}/v1/customers`, {
      method: "POST",
      headers: {
        authorization: "Bearer sk_test_x",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "emial=a%40b.c",
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      error: { type: "invalid_request_error", code: "parameter_unknown", param: "emial" },
    });
  });

  it("answers a deleted customer's retrieve with a deleted stub", async () => {
    const customer = await h.stripe.customers.create({ email: "gone@example.com" });
    const removed = await h.stripe.customers.del(customer.id);
    expect(removed).toMatchObject({ id: customer.id, deleted: true });
    expect(await h.stripe.customers.retrieve(customer.id)).toMatchObject({
      id: customer.id,
      deleted: true,
    });
    await expect(h.stripe.customers.update(customer.id, { name: "x" })).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
    expect(h.standIn.events({ type: "customer.deleted" })).toHaveLength(1);
  });

  it("pages lists with limit, starting_after and has_more", async () => {
    for (const n of [1, 2, 3, 4, 5])
      await h.stripe.products.create({ name: `P${n}`, active: n !== 3 });
    const first = await h.stripe.products.list({ limit: 2 });
    expect(first.data.map((p) => p.name)).toEqual(["P5", "P4"]);
    expect(first.has_more).toBe(true);
    const next = await h.stripe.products.list({ limit: 2, starting_after: first.data[1]?.id });
    expect(next.data.map((p) => p.name)).toEqual(["P3", "P2"]);
    const all: string[] = [];
    for await (const p of h.stripe.products.list({ limit: 2, active: true })) all.push(p.name);
    expect(all).toEqual(["P5", "P4", "P2", "P1"]);
  });

  it("pages subscriptions as Stripe does: 10 by default, at most 100, the SDK through them all", async () => {
    const product = await h.stripe.products.create({ name: "Paged" });
    const price = await h.stripe.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 100,
      recurring: { interval: "month" },
    });
    const customer = await h.stripe.customers.create({
      invoice_settings: { default_payment_method: "pm_card_visa" },
    });
    const made: string[] = [];
    for (let i = 0; i < 12; i++)
      made.unshift(
        (
          await h.stripe.subscriptions.create({
            customer: customer.id,
            items: [{ price: price.id }],
          })
        ).id,
      );
    const first = await h.stripe.subscriptions.list({ customer: customer.id });
    expect(first.data.map((sub) => sub.id)).toEqual(made.slice(0, 10));
    expect(first.has_more).toBe(true);
    const rest = await h.stripe.subscriptions.list({
      customer: customer.id,
      starting_after: first.data.at(-1)?.id,
    });
    expect(rest.data.map((sub) => sub.id)).toEqual(made.slice(10));
    expect(rest.has_more).toBe(false);
    await expect(h.stripe.subscriptions.list({ limit: 101 })).rejects.toMatchObject({
      statusCode: 400,
      param: "limit",
    });
    const all: string[] = [];
    for await (const sub of h.stripe.subscriptions.list({ customer: customer.id, limit: 5 }))
      all.push(sub.id);
    expect(all).toEqual(made);
  });

  it("drops webhooks on request and resends an event as it was", async () => {
    const stopDropping = h.standIn.dropWebhooks((e) => e.type === "product.created");
    const lost = await h.stripe.products.create({ name: "Lost" });
    stopDropping();
    await h.stripe.products.update(lost.id, { name: "Found" });
    await h.standIn.waitForWebhooks();
    expect(types(h.receiver.events)).toEqual(["product.updated"]);
    const created = h.standIn.events({ type: "product.created" })[0];
    expect(created?.pending_webhooks).toBe(0);
    expect(h.standIn.deliveries().find((d) => d.eventId === created?.id)?.dropped).toBe(true);

    h.standIn.resendEvent(created?.id ?? "");
    await h.standIn.waitForWebhooks();
    const resent = h.receiver.events.at(-1);
    expect(resent?.id).toBe(created?.id);
    expect(resent?.data.object).toMatchObject({ id: lost.id, name: "Lost" });
  });

  it("retries a webhook answered with 500 until it is accepted", async () => {
    h.receiver.failNext(2);
    await h.stripe.products.create({ name: "Retry me" });
    await h.standIn.waitForWebhooks();
    const [delivery] = h.standIn.deliveries();
    expect(delivery?.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(delivery?.delivered).toBe(true);
    expect(types(h.receiver.events)).toEqual(["product.created"]);
  });
});

describe("catalog and direct payments", () => {
  it("archives prices, keeps lookup keys unique and refuses inactive prices at checkout", async () => {
    const { product, price } = await plan("Pro", 2900);
    const listed = await h.stripe.prices.list({
      lookup_keys: ["pro_month"],
      expand: ["data.product"],
    });
    expect(listed.data.map((p) => p.id)).toEqual([price.id]);
    const expanded = listed.data[0]?.product;
    expect(
      typeof expanded === "object" && expanded !== null && "name" in expanded && expanded.name,
    ).toBe("Pro");
    await expect(
      h.stripe.prices.create({
        product: product.id,
        currency: "usd",
        unit_amount: 3900,
        lookup_key: "pro_month",
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: "lookup_key" });
    const next = await h.stripe.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 3900,
      recurring: { interval: "month" },
      lookup_key: "pro_month",
      transfer_lookup_key: true,
    });
    expect((await h.stripe.prices.retrieve(price.id)).lookup_key).toBeNull();
    expect(next.lookup_key).toBe("pro_month");

    const archived = await h.stripe.prices.update(price.id, { active: false });
    expect(archived.active).toBe(false);
    expect(
      (await h.stripe.prices.list({ product: product.id, active: true })).data.map((p) => p.id),
    ).toEqual([next.id]);
    await expect(
      h.stripe.checkout.sessions.create({
        mode: "subscription",
        line_items: [{ price: price.id, quantity: 1 }],
        success_url: "http://app.test/ok",
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: "line_items[0][price]" });
    await h.standIn.waitForWebhooks();
    const update = h.receiver.events.find(
      (e) =>
        e.type === "price.updated" &&
        e.data.previous_attributes !== undefined &&
        "active" in e.data.previous_attributes,
    );
    expect(update?.data.previous_attributes).toEqual({ active: true });
  });

  it("confirms a payment intent with a card, and a declined card is a 402 card error", async () => {
    const customer = await h.stripe.customers.create({ email: "pay@example.com" });
    const paid = await h.stripe.paymentIntents.create({
      amount: 1500,
      currency: "usd",
      customer: customer.id,
      payment_method: "pm_card_visa",
      confirm: true,
    });
    expect(paid.status).toBe("succeeded");
    const charge = await h.stripe.charges.retrieve(String(paid.latest_charge));
    expect(charge).toMatchObject({
      amount: 1500,
      paid: true,
      status: "succeeded",
      payment_intent: paid.id,
    });
    await expect(
      h.stripe.paymentIntents.create({
        amount: 1500,
        currency: "usd",
        customer: customer.id,
        payment_method: "pm_card_chargeCustomerFail",
        confirm: true,
      }),
    ).rejects.toMatchObject({
      type: "StripeCardError",
      statusCode: 402,
      code: "card_declined",
      decline_code: "generic_decline",
    });
    const failed = (await h.stripe.paymentIntents.list({ customer: customer.id })).data.find(
      (pi) => pi.id !== paid.id,
    );
    expect(failed?.status).toBe("requires_payment_method");
    expect(failed?.last_payment_error?.code).toBe("card_declined");
  });
});

describe("events and endpoints", () => {
  it("lists events through the API and sends Connect events only to Connect endpoints", async () => {
    let connectSecret = "";
    const connectReceiver = await startReceiver(() => connectSecret);
    try {
      const endpoint = await h.stripe.webhookEndpoints.create({
        url: connectReceiver.url,
        enabled_events: ["account.updated", "product.created"],
        connect: true,
      });
      expect(endpoint.id).toMatch(/^we_/);
      expect(endpoint.secret).toMatch(/^whsec_/);
      connectSecret = endpoint.secret ?? "";
      await h.stripe.products.create({ name: "Platform product" });
      const account = await h.stripe.accounts.create({ type: "standard" });
      await h.stripe.products.create({ name: "Connected product" }, { stripeAccount: account.id });
      await h.stripe.accounts.update(account.id, { metadata: { org: "o1" } });
      await h.standIn.waitForWebhooks();
      expect(connectReceiver.events.map((e) => [e.type, e.account])).toEqual([
        ["product.created", account.id],
        ["account.updated", account.id],
      ]);
      expect(connectReceiver.rejected).toBe(0);

      const platformEvents = await h.stripe.events.list({ type: "product.created" });
      expect(platformEvents.data).toHaveLength(1);
      const first = platformEvents.data[0];
      expect(first?.id).toMatch(/^evt_/);
      expect((await h.stripe.events.retrieve(first?.id ?? "")).type).toBe("product.created");
      const accountEvents = await h.stripe.events.list(
        { type: "product.*" },
        { stripeAccount: account.id },
      );
      expect(accountEvents.data.map((e) => e.account)).toEqual([account.id]);
    } finally {
      await connectReceiver.stop();
    }
  });

  it("keeps its state across a restart with stateFile", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stand-in-"));
    const stateFile = join(dir, "stripe.json");
    try {
      const first = await startStripeStandIn({ stateFile, tickMs: 0 });
      const one = new Stripe("sk_test_x", { ...first.stripeConfig, maxNetworkRetries: 0 });
      const customer = await one.customers.create({ email: "keep@example.com" });
      await first.stop();
      const second = await startStripeStandIn({ stateFile, tickMs: 0 });
      const two = new Stripe("sk_test_x", { ...second.stripeConfig, maxNetworkRetries: 0 });
      expect(second.platformAccount).toBe(first.platformAccount);
      expect((await two.customers.retrieve(customer.id)).id).toBe(customer.id);
      expect((await two.customers.create({ email: "new@example.com" })).id).not.toBe(customer.id);
      expect((await two.customers.list()).data.map((c) => c.email)).toEqual([
        "new@example.com",
        "keep@example.com",
      ]);
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Connect", () => {
  it("onboards an express account through the page and sends account.updated with `account`", async () => {
    const account = await h.stripe.accounts.create({
      type: "express",
      country: "US",
      email: "org@example.com",
    });
    expect(account.id).toMatch(/^acct_/);
    expect(account.charges_enabled).toBe(false);
    const link = await h.stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: "http://app.test/connect/refresh",
      return_url: "http://app.test/connect/return",
    });
    expect(await (await fetch(link.url)).text()).toContain("Complete onboarding");
    const done = await submitForm(link.url, {});
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("http://app.test/connect/return");
    const after = await h.stripe.accounts.retrieve(account.id);
    expect(after.charges_enabled).toBe(true);
    expect(after.payouts_enabled).toBe(true);
    expect(after.details_submitted).toBe(true);
    await h.standIn.waitForWebhooks();
    const updated = h.receiver.events.find((e) => e.type === "account.updated");
    expect(updated?.account).toBe(account.id);
    // A used link is gone.
    expect((await fetch(link.url)).status).toBe(404);

    // The connected account sells its own tiers: objects and events are the account's.
    const opts = { stripeAccount: account.id };
    const product = await h.stripe.products.create({ name: "Gold tier" }, opts);
    const price = await h.stripe.prices.create(
      { product: product.id, currency: "usd", unit_amount: 500, recurring: { interval: "month" } },
      opts,
    );
    await expect(h.stripe.prices.retrieve(price.id)).rejects.toMatchObject({ statusCode: 404 });
    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "subscription",
        line_items: [{ price: price.id, quantity: 1 }],
        success_url: "http://app.test/ok",
      },
      opts,
    );
    expect(
      (await submitForm(session.url ?? "", { outcome: "pay", email: "m@example.com" })).status,
    ).toBe(303);
    await h.standIn.waitForWebhooks();
    const completed = h.receiver.events.find((e) => e.type === "checkout.session.completed");
    expect(completed?.account).toBe(account.id);
    expect((await h.stripe.subscriptions.list({}, opts)).data).toHaveLength(1);
    expect((await h.stripe.subscriptions.list()).data).toHaveLength(0);
  });
});
