// Time travel per customer: advancing one test clock runs renewals and retries for its own
// customers' subscriptions only, never for another clock's or for those on real time; and with
// clockPerCustomer, customers the app (or a hosted checkout) makes each get a clock of their own.
import type Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, submitForm } from "./test-support.ts";

const DAY = 86_400;
const JAN_1 = Date.UTC(2026, 0, 1) / 1000;
const FEB_1 = Date.UTC(2026, 1, 1) / 1000;

let h: Harness;
afterEach(async () => {
  await h.stop();
});

async function monthly(amount: number): Promise<Stripe.Price> {
  const product = await h.stripe.products.create({ name: "Pro" });
  return h.stripe.prices.create({
    product: product.id,
    currency: "usd",
    unit_amount: amount,
    recurring: { interval: "month" },
  });
}

const periodStart = async (id: string) =>
  (await h.stripe.subscriptions.retrieve(id)).items.data[0]?.current_period_start;

describe("test clocks are per customer", () => {
  it("advancing one clock renews its customers' subscriptions and nobody else's", async () => {
    h = await startHarness();
    const pro = await monthly(2900);
    const clockA = await h.stripe.testHelpers.testClocks.create({ frozen_time: JAN_1 });
    const clockB = await h.stripe.testHelpers.testClocks.create({ frozen_time: JAN_1 });
    const onA = await h.stripe.customers.create({
      test_clock: clockA.id,
      invoice_settings: { default_payment_method: "pm_card_visa" },
    });
    const onB = await h.stripe.customers.create({
      test_clock: clockB.id,
      invoice_settings: { default_payment_method: "pm_card_visa" },
    });
    const subA = await h.stripe.subscriptions.create({
      customer: onA.id,
      items: [{ price: pro.id }],
    });
    const subB = await h.stripe.subscriptions.create({
      customer: onB.id,
      items: [{ price: pro.id }],
    });
    expect(subA.test_clock).toBe(clockA.id);

    await h.stripe.testHelpers.testClocks.advance(clockA.id, { frozen_time: FEB_1 + 3600 });
    expect(await periodStart(subA.id)).toBe(FEB_1);
    expect(await periodStart(subB.id)).toBe(JAN_1);
    expect((await h.stripe.testHelpers.testClocks.retrieve(clockB.id)).frozen_time).toBe(JAN_1);
    await h.standIn.waitForWebhooks();
    const renewals = h.receiver.events
      .filter((e) => e.type === "invoice.paid")
      .map((e) => e.data.object)
      .filter((o): o is Stripe.Invoice => o.object === "invoice")
      .filter((o) => o.billing_reason === "subscription_cycle");
    expect(renewals.map((invoice) => invoice.customer)).toEqual([onA.id]);

    // The stand-in's own time (subscriptions on real time) moves neither clock.
    h.standIn.advanceTime(40 * DAY);
    expect(await periodStart(subB.id)).toBe(JAN_1);
  });

  it("with clockPerCustomer, each customer the app or a checkout makes is on a clock of its own", async () => {
    h = await startHarness({ clockPerCustomer: true });
    const pro = await monthly(1200);
    // The app's own customer (as Guild makes the organization's), then its checkout.
    const made = await h.stripe.customers.create({ email: "owner@a.example" });
    expect(made.test_clock).toMatch(/^clock_/);
    const session = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      customer: made.id,
      line_items: [{ price: pro.id, quantity: 1 }],
      success_url: "http://app.test/ok",
    });
    expect((await submitForm(session.url ?? "", { outcome: "pay" })).status).toBe(303);
    // A customer the hosted checkout makes (no customer given) gets its own clock too.
    const guest = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: pro.id, quantity: 1 }],
      customer_email: "owner@b.example",
      success_url: "http://app.test/ok",
    });
    expect((await submitForm(guest.url ?? "", { outcome: "pay" })).status).toBe(303);
    const [mine, theirs] = await Promise.all(
      [session.id, guest.id].map(async (id) => {
        const done = await h.stripe.checkout.sessions.retrieve(id, {
          expand: ["customer", "subscription"],
        });
        const customer = done.customer;
        const subscription = done.subscription;
        if (typeof customer !== "object" || customer === null || "deleted" in customer)
          throw new Error("customer not expanded");
        if (typeof subscription !== "object" || subscription === null)
          throw new Error("subscription not expanded");
        return { customer, subscription };
      }),
    );
    if (!mine || !theirs) throw new Error("no checkouts");
    const clockId = mine.customer.test_clock;
    if (typeof clockId !== "string") throw new Error("no clock");
    expect(theirs.customer.test_clock).toMatch(/^clock_/);
    expect(theirs.customer.test_clock).not.toBe(clockId);
    expect(mine.subscription.test_clock).toBe(clockId);

    // Only the first customer's card fails at renewal, and only its clock moves.
    const failing = await h.stripe.paymentMethods.attach("pm_card_chargeCustomerFail", {
      customer: mine.customer.id,
    });
    await h.stripe.subscriptions.update(mine.subscription.id, {
      default_payment_method: failing.id,
    });
    const clock = await h.stripe.testHelpers.testClocks.retrieve(clockId);
    const end = mine.subscription.items.data[0]?.current_period_end ?? 0;
    expect(end).toBeGreaterThan(clock.frozen_time);
    await h.stripe.testHelpers.testClocks.advance(clockId, { frozen_time: end + 3600 });
    expect((await h.stripe.subscriptions.retrieve(mine.subscription.id)).status).toBe("past_due");
    const other = await h.stripe.subscriptions.retrieve(theirs.subscription.id);
    expect(other.status).toBe("active");
    expect(other.items.data[0]?.current_period_end).toBe(
      theirs.subscription.items.data[0]?.current_period_end,
    );
    await h.standIn.waitForWebhooks();
    expect(
      h.receiver.events
        .filter((e) => e.type === "invoice.payment_failed")
        .map((e) => e.data.object)
        .filter((o): o is Stripe.Invoice => o.object === "invoice")
        .map((invoice) => invoice.customer),
    ).toEqual([mine.customer.id]);
  });
});
