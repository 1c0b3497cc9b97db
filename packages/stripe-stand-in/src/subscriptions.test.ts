// Subscription lifecycles on test clocks, through the SDK and the hosted portal and invoice pages:
// renewal, failed payment -> past_due -> unpaid and recovery, plan change with proration, seats,
// cancel at period end and resume, trials, incomplete -> incomplete_expired.
import type Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, submitForm } from "./test-support.ts";

const DAY = 86_400;
const JAN_1 = Date.UTC(2026, 0, 1) / 1000;
const FEB_1 = Date.UTC(2026, 1, 1) / 1000;
const MAR_1 = Date.UTC(2026, 2, 1) / 1000;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

async function price(name: string, amount: number): Promise<Stripe.Price> {
  const product = await h.stripe.products.create({ name });
  return h.stripe.prices.create({
    product: product.id,
    currency: "usd",
    unit_amount: amount,
    recurring: { interval: "month" },
  });
}

/** A customer on a new test clock at Jan 1 2026, paying with `card`. */
async function customerOnClock(card = "pm_card_visa") {
  const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: JAN_1, name: "t" });
  expect(clock.id).toMatch(/^clock_/);
  const customer = await h.stripe.customers.create({
    email: "owner@example.com",
    test_clock: clock.id,
    invoice_settings: { default_payment_method: card },
  });
  return { clock, customer };
}

async function advance(clock: Stripe.TestHelpers.TestClock, to: number) {
  const after = await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: to });
  expect(after.status).toBe("ready");
  expect(after.frozen_time).toBe(to);
}

function received(type: string): Stripe.Event[] {
  return h.receiver.events.filter((e) => e.type === type);
}

describe("test clocks", () => {
  it("renews, then a failing card goes past_due, is retried into unpaid and recovers when paid", async () => {
    const { clock, customer } = await customerOnClock();
    const pro = await price("Pro", 2900);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: pro.id }],
    });
    expect(sub.status).toBe("active");
    expect(sub.items.data[0]?.current_period_end).toBe(FEB_1);

    await advance(clock, FEB_1 + 3600);
    const renewed = await h.stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice"] });
    expect(renewed.status).toBe("active");
    expect(renewed.items.data[0]?.current_period_start).toBe(FEB_1);
    expect(renewed.items.data[0]?.current_period_end).toBe(MAR_1);
    const renewal = renewed.latest_invoice;
    if (typeof renewal !== "object" || renewal === null) throw new Error("not expanded");
    expect(renewal.billing_reason).toBe("subscription_cycle");
    expect(renewal.status).toBe("paid");
    expect(renewal.created).toBe(FEB_1);

    // The customer's card now fails (Stripe's 4000 0000 0000 0341).
    const failing = await h.stripe.paymentMethods.attach("pm_card_chargeCustomerFail", {
      customer: customer.id,
    });
    await h.stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: failing.id },
    });
    await advance(clock, MAR_1 + 3600);
    const pastDue = await h.stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice"] });
    expect(pastDue.status).toBe("past_due");
    const open = pastDue.latest_invoice;
    if (typeof open !== "object" || open === null) throw new Error("not expanded");
    expect(open.status).toBe("open");
    expect(open.attempt_count).toBe(1);
    expect(open.next_payment_attempt).toBe(MAR_1 + 3 * DAY);

    // Retries on day 3, 5 and 7 fail too: the grace period ends in unpaid.
    await advance(clock, MAR_1 + 6 * DAY);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe("past_due");
    await advance(clock, MAR_1 + 8 * DAY);
    const unpaid = await h.stripe.subscriptions.retrieve(sub.id);
    expect(unpaid.status).toBe("unpaid");
    const stillOpen = await h.stripe.invoices.retrieve(open.id);
    expect(stillOpen.attempt_count).toBe(4);
    expect(stillOpen.next_payment_attempt).toBeNull();

    await h.standIn.waitForWebhooks();
    expect(h.receiver.rejected).toBe(0);
    expect(received("invoice.payment_failed")).toHaveLength(4);
    const statuses = received("customer.subscription.updated")
      .map((e) => e.data.object)
      .filter((o): o is Stripe.Subscription => o.object === "subscription")
      .map((o) => o.status);
    expect(statuses).toEqual(expect.arrayContaining(["past_due", "unpaid"]));
    const toUnpaid = received("customer.subscription.updated").find(
      (e) =>
        e.data.previous_attributes &&
        "status" in e.data.previous_attributes &&
        e.data.previous_attributes.status === "past_due",
    );
    expect(toUnpaid?.created).toBe(MAR_1 + 7 * DAY);

    // Paying the hosted invoice brings the subscription back.
    expect(await (await fetch(open.hosted_invoice_url ?? "")).text()).toContain("Pay $29.00");
    expect((await submitForm(open.hosted_invoice_url ?? "", { outcome: "pay" })).status).toBe(303);
    expect((await h.stripe.invoices.retrieve(open.id)).status).toBe("paid");
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
  });

  it("prorates a plan change at the next renewal, and bills a seat change at once with always_invoice", async () => {
    const { clock, customer } = await customerOnClock();
    const basic = await price("Basic", 1000);
    const pro = await price("Pro", 3000);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: basic.id }],
    });
    const itemId = sub.items.data[0]?.id ?? "";

    await advance(clock, JAN_1 + 15 * DAY);
    // The preview of the change shows the next invoice and changes nothing.
    const eventsBefore = h.standIn.events().length;
    const preview = await h.stripe.invoices.createPreview({
      subscription: sub.id,
      subscription_details: {
        items: [{ id: itemId, price: pro.id }],
        proration_date: JAN_1 + 15 * DAY,
      },
    });
    expect(preview.amount_due).toBe(3000 + 1548 - 516);
    expect(preview.lines.data.map((l) => l.amount)).toEqual([-516, 1548, 3000]);
    expect(h.standIn.events()).toHaveLength(eventsBefore);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).items.data[0]?.price.id).toBe(basic.id);

    // Ten days later, prorated as of day 15 (the moment the preview was shown).
    await advance(clock, JAN_1 + 25 * DAY);
    const changed = await h.stripe.subscriptions.update(sub.id, {
      items: [{ id: itemId, price: pro.id }],
      proration_behavior: "create_prorations",
      proration_date: JAN_1 + 15 * DAY,
    });
    expect(changed.items.data[0]?.price.id).toBe(pro.id);
    expect(changed.items.data[0]?.id).toBe(itemId);
    const pending = await h.stripe.invoiceItems.list({ customer: customer.id, pending: true });
    expect(pending.data.map((i) => i.amount).sort((a, b) => a - b)).toEqual([
      -Math.round((1000 * 16) / 31),
      Math.round((3000 * 16) / 31),
    ]);
    expect(pending.data.every((i) => i.proration)).toBe(true);

    await advance(clock, FEB_1 + 60);
    const renewal = await h.stripe.invoices.retrieve(
      String((await h.stripe.subscriptions.retrieve(sub.id)).latest_invoice),
    );
    expect(renewal.amount_due).toBe(3000 + 1548 - 516);
    expect(
      renewal.lines.data.filter((l) => l.parent?.subscription_item_details?.proration),
    ).toHaveLength(2);
    expect(renewal.status).toBe("paid");
    expect(
      (await h.stripe.invoiceItems.list({ customer: customer.id, pending: true })).data,
    ).toHaveLength(0);

    // Two seats from Feb 16 (13 of February's 28 days left), invoiced now.
    await advance(clock, FEB_1 + 15 * DAY);
    const seatPreview = await h.stripe.invoices.createPreview({
      subscription: sub.id,
      subscription_details: {
        items: [{ id: itemId, quantity: 2 }],
        proration_behavior: "always_invoice",
      },
    });
    expect(seatPreview.amount_due).toBe(
      Math.round((6000 * 13) / 28) - Math.round((3000 * 13) / 28),
    );
    const seats = await h.stripe.subscriptions.update(sub.id, {
      items: [{ id: itemId, quantity: 2 }],
      proration_behavior: "always_invoice",
    });
    expect(seats.items.data[0]?.quantity).toBe(2);
    const seatInvoice = await h.stripe.invoices.retrieve(String(seats.latest_invoice));
    expect(seatInvoice.billing_reason).toBe("subscription_update");
    expect(seatInvoice.amount_paid).toBe(
      Math.round((6000 * 13) / 28) - Math.round((3000 * 13) / 28),
    );

    // subscriptionItems.update with proration none: three seats from the next invoice.
    const three = await h.stripe.subscriptionItems.update(itemId, {
      quantity: 3,
      proration_behavior: "none",
    });
    expect(three.id).toBe(itemId);
    expect(three.quantity).toBe(3);
    expect((await h.stripe.subscriptionItems.retrieve(itemId)).quantity).toBe(3);
    expect(
      (await h.stripe.invoiceItems.list({ customer: customer.id, pending: true })).data,
    ).toHaveLength(0);
    await expect(
      h.stripe.subscriptionItems.update("si_missing", { quantity: 1 }),
    ).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });

    await h.standIn.waitForWebhooks();
    const update = received("customer.subscription.updated").find(
      (e) => e.data.previous_attributes !== undefined && "items" in e.data.previous_attributes,
    );
    expect(update).toBeDefined();
  });

  it("cancels at period end, resumes, and when canceled again ends at the period end", async () => {
    const { clock, customer } = await customerOnClock();
    const pro = await price("Pro", 2900);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: pro.id }],
    });

    const canceling = await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    expect(canceling.cancel_at_period_end).toBe(true);
    expect(canceling.cancel_at).toBe(FEB_1);
    expect(canceling.status).toBe("active");
    const resumed = await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
    expect(resumed.cancel_at_period_end).toBe(false);
    expect(resumed.cancel_at).toBeNull();

    await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    await advance(clock, FEB_1 + DAY);
    const ended = await h.stripe.subscriptions.retrieve(sub.id);
    expect(ended.status).toBe("canceled");
    expect(ended.ended_at).toBe(FEB_1);
    expect((await h.stripe.invoices.list({ subscription: sub.id })).data).toHaveLength(1);
    expect((await h.stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
    expect(
      (await h.stripe.subscriptions.list({ customer: customer.id, status: "all" })).data,
    ).toHaveLength(1);

    await h.standIn.waitForWebhooks();
    const updates = received("customer.subscription.updated").map(
      (e) => e.data.previous_attributes,
    );
    expect(updates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cancel_at_period_end: false }),
        expect.objectContaining({ cancel_at_period_end: true }),
      ]),
    );
    const deleted = received("customer.subscription.deleted");
    expect(deleted).toHaveLength(1);
    expect(deleted[0]?.created).toBe(FEB_1);
  });

  it("ends a trial into active, and a first payment that fails expires after 23 hours", async () => {
    const { clock, customer } = await customerOnClock();
    const pro = await price("Pro", 2900);
    const trial = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: pro.id }],
      trial_period_days: 7,
    });
    expect(trial.status).toBe("trialing");
    await advance(clock, JAN_1 + 4 * DAY + 60);
    await h.standIn.waitForWebhooks();
    expect(received("customer.subscription.trial_will_end").map((e) => e.created)).toEqual([
      JAN_1 + 4 * DAY,
    ]);
    await advance(clock, JAN_1 + 7 * DAY + 60);
    const active = await h.stripe.subscriptions.retrieve(trial.id, { expand: ["latest_invoice"] });
    expect(active.status).toBe("active");
    const first = active.latest_invoice;
    if (typeof first !== "object" || first === null) throw new Error("not expanded");
    expect(first.amount_paid).toBe(2900);

    const failing = await customerOnClock("pm_card_chargeCustomerFail");
    const incomplete = await h.stripe.subscriptions.create({
      customer: failing.customer.id,
      items: [{ price: pro.id }],
    });
    expect(incomplete.status).toBe("incomplete");
    await advance(failing.clock, JAN_1 + DAY);
    expect((await h.stripe.subscriptions.retrieve(incomplete.id)).status).toBe(
      "incomplete_expired",
    );

    await expect(
      h.stripe.subscriptions.create({
        customer: failing.customer.id,
        items: [{ price: pro.id }],
        payment_behavior: "error_if_incomplete",
      }),
    ).rejects.toMatchObject({ type: "StripeCardError", statusCode: 402, code: "card_declined" });
  });

  it("pauses when a trial ends without a card, and resumes into active once there is one", async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: JAN_1 });
    const customer = await h.stripe.customers.create({ test_clock: clock.id });
    const pro = await price("Pro", 2900);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: pro.id }],
      trial_period_days: 3,
      trial_settings: { end_behavior: { missing_payment_method: "pause" } },
    });
    await advance(clock, JAN_1 + 4 * DAY);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe("paused");
    await h.stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: "pm_card_visa" },
    });
    const resumed = await h.stripe.subscriptions.resume(sub.id);
    expect(resumed.status).toBe("active");
    expect(resumed.items.data[0]?.current_period_start).toBe(JAN_1 + 4 * DAY);
    await h.standIn.waitForWebhooks();
    expect(received("customer.subscription.paused")).toHaveLength(1);
    expect(received("customer.subscription.resumed")).toHaveLength(1);
  });

  it("expires an open checkout session after 24 hours on the customer's clock", async () => {
    const { clock, customer } = await customerOnClock();
    const pro = await price("Pro", 2900);
    const session = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price: pro.id, quantity: 1 }],
      success_url: "http://app.test/ok",
    });
    expect(session.expires_at).toBe(JAN_1 + DAY);
    await advance(clock, JAN_1 + DAY + 60);
    const expired = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(expired.status).toBe("expired");
    expect(expired.url).toBeNull();
    expect((await fetch(session.url ?? "")).status).toBe(410);
    await h.standIn.waitForWebhooks();
    expect(received("checkout.session.expired").map((e) => e.created)).toEqual([JAN_1 + DAY + 60]);
  });

  it("cancels at once", async () => {
    const { customer } = await customerOnClock();
    const pro = await price("Pro", 2900);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: pro.id }],
    });
    const canceled = await h.stripe.subscriptions.cancel(sub.id);
    expect(canceled.status).toBe("canceled");
    expect(canceled.ended_at).toBe(JAN_1);
    await expect(
      h.stripe.subscriptions.update(sub.id, { items: [{ price: pro.id }] }),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
  });
});

describe("billing portal page", () => {
  it("changes plan, cancels and renews from the hosted portal", async () => {
    const { customer } = await customerOnClock();
    const basic = await price("Basic", 1000);
    const pro = await price("Pro", 3000);
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: basic.id }],
    });
    const portal = await h.stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: "http://app.test/billing",
    });
    expect(portal.id).toMatch(/^bps_/);
    const html = await (await fetch(portal.url)).text();
    expect(html).toContain("Basic");
    expect(html).toContain("Renews on 2026-02-01");

    expect(
      (await submitForm(portal.url, { subscription: sub.id, action: "change_plan", price: pro.id }))
        .status,
    ).toBe(303);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).items.data[0]?.price.id).toBe(pro.id);
    await submitForm(portal.url, { subscription: sub.id, action: "cancel" });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(true);
    expect(await (await fetch(portal.url)).text()).toContain("Cancels on 2026-02-01");
    await submitForm(portal.url, { subscription: sub.id, action: "resume" });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(false);
  });
});
