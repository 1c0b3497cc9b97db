// Nightly reconciliation (issue 10 §2), member tiers and organization plans: the fixture's Stripe
// stand-in delivers signed webhooks to the app's endpoint and the real runner processes them,
// until the stand-in is told to lose some for good (dropWebhooks, as when Stripe gives up on a
// broken endpoint after three days). The database is then wrong; the stripe.reconcile job, run by
// the real runner, reads the subscriptions from Stripe through the SDK and puts them right with
// the webhooks' own upsert, and a second run changes nothing.
import {
  and,
  eq,
  memberTierState,
  organizationSubscription,
  planPrice,
  sql,
  systemClock,
} from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { enqueueSystemJob } from "../jobs/system.ts";
import { type ApiFixture, createApiFixture } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let stripeAccount: string;
let gold: { id: string };

/** Pays a hosted checkout page as a browser would (the form's Pay button). */
async function pay(url: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ outcome: "pay", name: "Test Card" }).toString(),
    redirect: "manual",
  });
  expect(response.status).toBe(303);
}

/** Runs the nightly job now, with the real runner; its failure fails the test. */
async function reconcile() {
  await enqueueSystemJob(fx.db, systemClock, "stripe.reconcile", {}, { maxAttempts: 1 });
  await fx.runJobs();
  // A job that failed for good stays in the queue with its error.
  const [failed] = await fx.db.execute<{ last_error: string | null }>(
    sql`select last_error from graphile_worker.jobs where task_identifier = 'stripe.reconcile'`,
  );
  if (failed) throw new Error(`stripe.reconcile failed: ${failed.last_error}`);
}

const tierOf = async (memberId: string) => {
  const [row] = await fx.db
    .select({
      tierId: memberTierState.tierId,
      status: memberTierState.status,
      source: memberTierState.source,
      subscription: memberTierState.stripeSubscriptionId,
    })
    .from(memberTierState)
    .where(
      and(eq(memberTierState.organizationId, acme.org.id), eq(memberTierState.memberId, memberId)),
    );
  return row ?? null;
};

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["admin"]);
  const owner = await acme.owner.caller("acme");
  // The owner connects Stripe (the stand-in's onboarding page) and sells a Gold tier on it.
  const { url } = await owner.connect.start();
  expect((await fetch(url, { method: "POST", redirect: "manual" })).status).toBe(303);
  await fx.stripe.settle();
  stripeAccount = (await owner.connect.status())?.stripeAccountId ?? "";
  expect(stripeAccount).toMatch(/^acct_/);
  gold = await owner.memberTier.create({
    name: "Gold",
    description: "",
    currency: "usd",
    monthlyPrice: 900,
    yearlyPrice: null,
    lifetimePrice: null,
    trialDays: 0,
    sortOrder: 0,
  });
});
afterAll(() => fx.drop());

/** A member who buys Gold monthly on the stand-in's checkout. */
async function buyer(name: string) {
  const person = await fx.addMember(acme.org.id, "member", { name });
  const api = await person.caller("acme");
  const { url } = await api.memberTier.checkout({ tierId: gold.id, interval: "month" });
  await pay(url);
  return person;
}

describe("nightly reconciliation, member tiers", () => {
  it("repairs a cancellation and a whole purchase whose webhooks were lost for good", async () => {
    const canceling = await buyer("Canceled in Stripe");
    await fx.stripe.settle();
    const bought = await tierOf(canceling.memberId);
    expect(bought).toMatchObject({ tierId: gold.id, status: "active", source: "stripe" });
    const subscriptionId = bought?.subscription ?? "";

    // From here on, nothing about this subscription, nor about the next buyer, reaches Guild.
    const lost = [subscriptionId];
    const stopDropping = fx.stripe.standIn.dropWebhooks((event) =>
      lost.some((id) => JSON.stringify(event.data.object).includes(id)),
    );
    await fx.stripe.stripe.client.subscriptions.cancel(subscriptionId, {}, { stripeAccount });
    const unseen = await fx.addMember(acme.org.id, "member", { name: "Bought unseen" });
    lost.push(unseen.id);
    const { url } = await (await unseen.caller("acme")).memberTier.checkout({
      tierId: gold.id,
      interval: "month",
    });
    await pay(url);
    await fx.stripe.settle();
    stopDropping();
    expect(fx.stripe.standIn.deliveries().filter((d) => d.dropped).length).toBeGreaterThanOrEqual(
      2,
    );

    // Wrong, and it would stay so: the member keeps a tier nobody pays for, the payer has none.
    expect(await tierOf(canceling.memberId)).toMatchObject({ status: "active" });
    expect(await tierOf(unseen.memberId)).toBeNull();

    await reconcile();
    expect(await tierOf(canceling.memberId)).toMatchObject({
      status: "canceled",
      subscription: subscriptionId,
    });
    expect(await tierOf(unseen.memberId)).toMatchObject({
      tierId: gold.id,
      status: "active",
      source: "stripe",
    });

    // Again: nothing left to repair, nothing changes.
    const rows = async () => [await tierOf(canceling.memberId), await tierOf(unseen.memberId)];
    const before = await rows();
    await reconcile();
    expect(await rows()).toEqual(before);
  });
});

describe("nightly reconciliation, organization plans", () => {
  let proPrice: string;
  /** Ids (organizations, customers, subscriptions) whose events the stand-in loses once told to. */
  const lost = new Set<string>();

  beforeAll(async () => {
    // The catalog as `pnpm db:sync-stripe` leaves it: Pro's monthly price linked to Stripe's.
    const client = fx.stripe.stripe.client;
    const product = await client.products.create({
      name: "Pro",
      metadata: { guild_plan_key: "pro" },
    });
    const price = await client.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 1200,
      recurring: { interval: "month" },
      lookup_key: "pro_month_usd",
    });
    proPrice = price.id;
    await fx.db
      .update(planPrice)
      .set({ stripePriceId: price.id })
      .where(eq(planPrice.lookupKey, "pro_month_usd"));
    await fx.stripe.settle();
  });

  /**
   * An organization on a 14-day Pro trial with `seats` seats, subscribed through Stripe; `lose`:
   * from its first Stripe object on, every event about it is lost.
   */
  async function subscribed(slug: string, seats: number, lose = false) {
    const { org } = await fx.createOrg(slug);
    if (lose) lost.add(org.id);
    const metadata = { guild_purpose: "organization_plan", organization_id: org.id };
    const client = fx.stripe.stripe.client;
    const customer = await client.customers.create({ name: org.name, metadata });
    if (lose) lost.add(customer.id);
    const subscription = await client.subscriptions.create({
      customer: customer.id,
      items: [{ price: proPrice, quantity: seats }],
      trial_period_days: 14,
      metadata: { ...metadata, plan_key: "pro" },
    });
    return { organizationId: org.id, customerId: customer.id, subscriptionId: subscription.id };
  }

  const planOf = async (stripeSubscriptionId: string) => {
    const [row] = await fx.db
      .select({
        status: organizationSubscription.status,
        seats: organizationSubscription.seats,
        cancelAtPeriodEnd: organizationSubscription.cancelAtPeriodEnd,
      })
      .from(organizationSubscription)
      .where(eq(organizationSubscription.stripeSubscriptionId, stripeSubscriptionId));
    return row ?? null;
  };

  it("repairs a cancellation, a seat change and a whole subscription whose webhooks were lost", async () => {
    const canceled = await subscribed("lost-cancel", 2);
    const resized = await subscribed("lost-seats", 3);
    await fx.stripe.settle();
    expect(await planOf(canceled.subscriptionId)).toEqual({
      status: "trialing",
      seats: 2,
      cancelAtPeriodEnd: false,
    });
    expect(await planOf(resized.subscriptionId)).toMatchObject({ status: "trialing", seats: 3 });

    // From here on, nothing about these subscriptions reaches Guild.
    for (const { organizationId, customerId, subscriptionId } of [canceled, resized])
      for (const id of [organizationId, customerId, subscriptionId]) lost.add(id);
    const stopDropping = fx.stripe.standIn.dropWebhooks((event) => {
      const text = JSON.stringify(event.data.object);
      return [...lost].some((id) => text.includes(id));
    });
    const client = fx.stripe.stripe.client;
    await client.subscriptions.cancel(canceled.subscriptionId);
    const [item] = (await client.subscriptionItems.list({ subscription: resized.subscriptionId }))
      .data;
    if (!item) throw new Error("no subscription item");
    await client.subscriptionItems.update(item.id, { quantity: 5, proration_behavior: "none" });
    // A subscription whose every event was lost: the database never heard of it.
    const created = await subscribed("lost-created", 4, true);
    await fx.stripe.settle();
    stopDropping();

    // The database is wrong, as it would stay without reconciliation.
    expect(await planOf(canceled.subscriptionId)).toMatchObject({ status: "trialing" });
    expect(await planOf(resized.subscriptionId)).toMatchObject({ seats: 3 });
    expect(await planOf(created.subscriptionId)).toBeNull();

    await reconcile();
    expect(await planOf(canceled.subscriptionId)).toMatchObject({ status: "canceled" });
    expect(await planOf(resized.subscriptionId)).toEqual({
      status: "trialing",
      seats: 5,
      cancelAtPeriodEnd: false,
    });
    expect(await planOf(created.subscriptionId)).toEqual({
      status: "trialing",
      seats: 4,
      cancelAtPeriodEnd: false,
    });

    // Again: nothing left to repair, nothing changes.
    const ids = [canceled, resized, created].map((o) => o.subscriptionId);
    const rows = async () => Promise.all(ids.map(planOf));
    const before = await rows();
    await reconcile();
    expect(await rows()).toEqual(before);
  });

  it("repairs drift on Stripe's second page: the SDK pages through more than 100 subscriptions", async () => {
    // The drifting ones first: Stripe lists newest first, so 100 later ones push them to page 2.
    const resized = await subscribed("page-two-seats", 2);
    await fx.stripe.settle();
    expect(await planOf(resized.subscriptionId)).toMatchObject({ seats: 2 });
    const client = fx.stripe.stripe.client;
    // 100 of the platform's subscriptions that are not Guild plans (another product of the same
    // account): listed, read and passed over. Their events are of no interest here.
    const product = await client.products.create({ name: "Something else" });
    const otherPrice = await client.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 500,
      recurring: { interval: "month" },
    });
    const filler = await client.customers.create({
      name: "Not a Guild organization",
      invoice_settings: { default_payment_method: "pm_card_visa" },
    });
    const hidden = new Set([resized.subscriptionId, resized.customerId, filler.id]);
    const stopDropping = fx.stripe.standIn.dropWebhooks((event) => {
      const text = JSON.stringify(event.data.object);
      return [...hidden, ...lost].some((id) => text.includes(id));
    });
    const [item] = (await client.subscriptionItems.list({ subscription: resized.subscriptionId }))
      .data;
    if (!item) throw new Error("no subscription item");
    await client.subscriptionItems.update(item.id, { quantity: 6, proration_behavior: "none" });
    const unseen = await subscribed("page-two-created", 3, true);
    for (let i = 0; i < 100; i++)
      await client.subscriptions.create({
        customer: filler.id,
        items: [{ price: otherPrice.id }],
        metadata: { filler: String(i) },
      });
    await fx.stripe.settle();
    stopDropping();

    // Both are past Stripe's first page (at most 100), which has more after it.
    const firstPage = await client.subscriptions.list({ limit: 100 });
    expect(firstPage.data).toHaveLength(100);
    expect(firstPage.has_more).toBe(true);
    const onFirst = new Set(firstPage.data.map((sub) => sub.id));
    expect(onFirst.has(resized.subscriptionId) || onFirst.has(unseen.subscriptionId)).toBe(false);
    expect(await planOf(resized.subscriptionId)).toMatchObject({ seats: 2 });
    expect(await planOf(unseen.subscriptionId)).toBeNull();

    // The seat change would also be read as a stored row Stripe did not list; the subscription
    // the database never heard of is found only by paging on (reading page one only fails here).
    await reconcile();
    expect(await planOf(resized.subscriptionId)).toEqual({
      status: "trialing",
      seats: 6,
      cancelAtPeriodEnd: false,
    });
    expect(await planOf(unseen.subscriptionId)).toEqual({
      status: "trialing",
      seats: 3,
      cancelAtPeriodEnd: false,
    });
  });
});
