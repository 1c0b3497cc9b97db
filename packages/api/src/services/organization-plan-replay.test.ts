// Replay (issue 10 §5): one organization plan's whole life, scripted through the app's own
// procedures and the Stripe stand-in (checkout with a trial, the trial's end, a plan change, a card
// that fails at renewal, the invoice paid late, cancel at period end, the end), so every event is
// exactly what Stripe-shaped code produced. The events are delivered, signed, to the webhook
// endpoint: live in order into the database the script runs on, again in order into a fresh
// database, and three times shuffled, with duplicates and handler replays, into fresh databases.
// Every run ends in the same state, with one monthly grant per member and period, never two.
import {
  and,
  asc,
  billingCustomer,
  creditEntry,
  eq,
  isNull,
  member,
  organization,
  organizationSubscription,
  organizationSubscriptionItem,
  planPrice,
  stripeEvent,
  user,
} from "@guild/db";
import { type StripeEvent, type StripeStandIn, startStripeStandIn } from "@guild/stripe-stand-in";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, deliverSigned } from "../testing.ts";
import { createStripe, type StripeDeps } from "./stripe-client.ts";
import { stripeEventHandlers } from "./stripe-event.ts";

const DAY = 86_400;
let standIn: StripeStandIn;
let stripe: StripeDeps;
const fixtures: ApiFixture[] = [];

beforeAll(async () => {
  standIn = await startStripeStandIn({ tickMs: 0 });
  stripe = createStripe({
    secretKey: "sk_test_replay",
    webhookSecret: standIn.webhookSecret,
    standIn: standIn.stripeConfig,
  });
});
afterAll(async () => {
  for (const fx of fixtures) await fx.drop();
  await standIn.stop();
});

/** The stand-in's catalog prices for the seeded plans, by lookup key. */
const stripePrices: Record<string, string> = {};

async function createStripeCatalog() {
  for (const [lookupKey, name, amount] of [
    ["pro_month_usd", "Pro", 1200],
    ["business_month_usd", "Business", 9900],
  ] as const) {
    const product = await stripe.client.products.create({
      name,
      metadata: { guild_plan_key: name.toLowerCase() },
    });
    const price = await stripe.client.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: amount,
      recurring: { interval: "month" },
      lookup_key: lookupKey,
    });
    stripePrices[lookupKey] = price.id;
  }
}

/** A database whose catalog knows the stand-in's prices (as db:sync-stripe leaves it). */
async function freshDatabase(): Promise<ApiFixture> {
  const fx = await createApiFixture(inject("pgAdminUrl"), { stripe });
  fixtures.push(fx);
  for (const [lookupKey, id] of Object.entries(stripePrices))
    await fx.db
      .update(planPrice)
      .set({ stripePriceId: id })
      .where(eq(planPrice.lookupKey, lookupKey));
  return fx;
}

const priceIdOf = async (fx: ApiFixture, lookupKey: string) => {
  const [row] = await fx.db
    .select({ id: planPrice.id })
    .from(planPrice)
    .where(eq(planPrice.lookupKey, lookupKey));
  if (!row) throw new Error(`no ${lookupKey}`);
  return row.id;
};

/** The people of the organization, named as createOrg names them. */
const people = [
  ["owner", "Owner of replay"],
  ["admin", "admin of replay"],
  ["member", "member of replay"],
] as const;

/** The same organization (its id is in every event's metadata) with the same three people. */
async function sameOrganization(fx: ApiFixture, org: { id: string; name: string; slug: string }) {
  await fx.db.insert(organization).values(org);
  for (const [role, name] of people) {
    const person = await fx.signUp(name);
    await fx.db.insert(member).values({ organizationId: org.id, userId: person.id, role });
  }
}

const platformEvents = () => standIn.events({ account: null });

/** Posts an event to the webhook endpoint, signed now as Stripe signs; answers the body. */
async function deliver(fx: ApiFixture, event: StripeEvent) {
  const response = await deliverSigned(
    { db: fx.db, clock: fx.jobDeps.clock, stripe },
    standIn.webhookSecret,
    event,
  );
  expect(response.status).toBe(200);
  const answer: unknown = await response.json();
  await fx.runJobs();
  return answer;
}

/** Runs an event's handlers again, as the admin console's replay does after it was processed. */
async function replayHandlers(fx: ApiFixture, event: StripeEvent) {
  const [row] = await fx.db.select().from(stripeEvent).where(eq(stripeEvent.id, event.id));
  if (!row) throw new Error(`${event.id} was never delivered`);
  for (const handler of stripeEventHandlers[row.type] ?? [])
    await handler(row.payload, { deps: fx.jobDeps });
  await fx.runJobs();
}

/** A deterministic shuffle (mulberry32), so a failing order can be run again. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  // Every fourth event comes a second time, somewhere later.
  for (const [index, event] of items.entries())
    if (index % 4 === 0) out.splice(Math.floor(random() * (out.length + 1)), 0, event);
  return out;
}

/** What a run ends in, without its database's own ids and times of writing. */
async function finalState(fx: ApiFixture, organizationId: string) {
  const subscriptions = await fx.db
    .select({
      stripeSubscriptionId: organizationSubscription.stripeSubscriptionId,
      status: organizationSubscription.status,
      source: organizationSubscription.source,
      price: planPrice.lookupKey,
      seats: organizationSubscription.seats,
      currentPeriodStart: organizationSubscription.currentPeriodStart,
      currentPeriodEnd: organizationSubscription.currentPeriodEnd,
      trialEnd: organizationSubscription.trialEnd,
      cancelAtPeriodEnd: organizationSubscription.cancelAtPeriodEnd,
      canceledAt: organizationSubscription.canceledAt,
      endedAt: organizationSubscription.endedAt,
      graceUntil: organizationSubscription.graceUntil,
      stripeUpdatedAt: organizationSubscription.stripeUpdatedAt,
    })
    .from(organizationSubscription)
    .leftJoin(planPrice, eq(planPrice.id, organizationSubscription.planPriceId))
    .where(eq(organizationSubscription.organizationId, organizationId))
    .orderBy(asc(organizationSubscription.stripeSubscriptionId));
  const items = await fx.db
    .select({
      stripeItem: organizationSubscriptionItem.stripeSubscriptionItemId,
      price: planPrice.lookupKey,
      quantity: organizationSubscriptionItem.quantity,
    })
    .from(organizationSubscriptionItem)
    .innerJoin(planPrice, eq(planPrice.id, organizationSubscriptionItem.planPriceId))
    .where(eq(organizationSubscriptionItem.organizationId, organizationId));
  const customers = await fx.db
    .select({ id: billingCustomer.stripeCustomerId })
    .from(billingCustomer)
    .where(eq(billingCustomer.organizationId, organizationId));
  const grants = await fx.db
    .select({
      who: user.name,
      amount: creditEntry.amount,
      description: creditEntry.description,
      expiresAt: creditEntry.expiresAt,
    })
    .from(creditEntry)
    .innerJoin(
      member,
      and(
        eq(member.organizationId, creditEntry.organizationId),
        eq(member.id, creditEntry.memberId),
      ),
    )
    .innerJoin(user, eq(user.id, member.userId))
    .where(
      and(eq(creditEntry.organizationId, organizationId), eq(creditEntry.kind, "monthly_grant")),
    )
    .orderBy(asc(user.name), asc(creditEntry.expiresAt));
  const unprocessed = await fx.db
    .select({ id: stripeEvent.id, error: stripeEvent.lastError })
    .from(stripeEvent)
    .where(isNull(stripeEvent.processedAt));
  return { subscriptions, items, customers, grants, unprocessed };
}

/** Posts a hosted page's form as the browser would. */
async function submit(url: string, fields: Record<string, string>) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
  expect(response.status).toBe(303);
}

describe("replaying one organization plan's life", () => {
  it("ends in the same state delivered in order and three times shuffled with duplicates", async () => {
    await createStripeCatalog();
    const live = await freshDatabase();
    const { org, owner } = await live.createOrg("replay", ["admin", "member"]);
    const api = await owner.caller("replay");
    let delivered = 0;
    /** The script's database gets each new event as it happens, in order. */
    const catchUp = async () => {
      const events = platformEvents();
      for (const event of events.slice(delivered)) await deliver(live, event);
      delivered = events.length;
      return api.subscription.state();
    };
    const pro = await priceIdOf(live, "pro_month_usd");
    const business = await priceIdOf(live, "business_month_usd");

    // Checkout for Pro: a 14-day trial, two staff seats (the owner and the admin).
    const checkout = await api.subscription.checkout({ priceId: pro });
    await submit(checkout.url, { outcome: "pay", email: owner.email });
    let state = await catchUp();
    expect(state.subscription).toMatchObject({ status: "trialing", planKey: "pro", seats: 2 });
    expect(state.subscription?.trialEnd).toBeInstanceOf(Date);
    expect(state.plan.key).toBe("pro");
    const [subscription] = await live.db.select().from(organizationSubscription);
    const subscriptionId = subscription?.stripeSubscriptionId ?? "";
    expect(subscriptionId).toMatch(/^sub_/);

    // The trial ends: the first paid period.
    standIn.advanceTime(15 * DAY);
    state = await catchUp();
    expect(state.subscription?.status).toBe("active");
    expect(state.nextInvoice).toMatchObject({ amount: 2400, currency: "usd" });

    // Business from now on, prorated (a flat price: one seat).
    standIn.advanceTime(3600);
    await api.subscription.changePlan({ priceId: business });
    state = await catchUp();
    expect(state.subscription).toMatchObject({ status: "active", planKey: "business", seats: 1 });

    // The card on file starts failing (set in the portal); the renewal fails: past due, in grace.
    const portal = await api.subscription.portal();
    await submit(portal.url, { subscription: subscriptionId, action: "card_fails" });
    standIn.advanceTime(31 * DAY);
    state = await catchUp();
    expect(state.subscription).toMatchObject({ status: "past_due", applies: true });
    expect(state.subscription?.graceUntil).toBeInstanceOf(Date);
    expect(state.plan.key).toBe("business");

    // The owner pays the open invoice on its hosted page: active again.
    standIn.advanceTime(3600);
    const open = await stripe.client.invoices.list({
      subscription: subscriptionId,
      status: "open",
    });
    expect(open.data).toHaveLength(1);
    // The banner's "Pay" is that invoice's hosted page.
    expect(state.unpaidInvoice).toEqual({
      url: open.data[0]?.hosted_invoice_url,
      amount: open.data[0]?.amount_due,
      currency: "usd",
    });
    await submit(open.data[0]?.hosted_invoice_url ?? "", { outcome: "pay" });
    state = await catchUp();
    expect(state.subscription).toMatchObject({ status: "active", graceUntil: null });
    expect(state.unpaidInvoice).toBeNull();

    // Canceled at the period's end, which then comes.
    standIn.advanceTime(3600);
    await api.subscription.cancel();
    state = await catchUp();
    expect(state.subscription).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    expect(state.nextInvoice).toBeNull();
    // A checkpoint before the end: a canceled subscription absorbs every older event, so the
    // order of the events before it is checked on the state they leave, still current.
    const beforeEnd = platformEvents();
    const checkpoint = await finalState(live, org.id);
    expect(checkpoint.subscriptions).toEqual([
      expect.objectContaining({
        status: "active",
        price: "business_month_usd",
        cancelAtPeriodEnd: true,
      }),
    ]);
    standIn.advanceTime(40 * DAY);
    state = await catchUp();
    expect(state.subscription).toBeNull();
    expect(state.plan.key).toBe("free");

    const events = platformEvents();
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      "checkout.session.completed",
      "customer.subscription.created",
      "customer.subscription.updated",
      "customer.subscription.deleted",
      "invoice.paid",
      "invoice.payment_failed",
    ])
      expect(types, type).toContain(type);

    const expected = await finalState(live, org.id);
    expect(expected.unprocessed).toEqual([]);
    expect(expected.customers).toHaveLength(1);
    expect(expected.subscriptions).toEqual([
      expect.objectContaining({
        stripeSubscriptionId: subscriptionId,
        status: "canceled",
        source: "stripe",
        price: "business_month_usd",
        seats: 1,
        cancelAtPeriodEnd: true,
        graceUntil: null,
      }),
    ]);
    // Each member: the trial's and the first period's Pro credits, and the Business period's
    // (paid late, granted once).
    const byText = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
    expect(byText(expected.grants.map((g) => [g.who, g.amount, g.description]))).toEqual(
      byText(
        people.flatMap(([, name]) => [
          [name, 100, "Pro plan: monthly credits"],
          [name, 100, "Pro plan: monthly credits"],
          [name, 500, "Business plan: monthly credits"],
        ]),
      ),
    );

    const target = { id: org.id, name: org.name, slug: org.slug };
    // Once more in order, into a fresh database.
    const inOrder = await freshDatabase();
    await sameOrganization(inOrder, target);
    for (const event of events) await deliver(inOrder, event);
    expect(await finalState(inOrder, org.id)).toEqual(expected);

    // Three shuffles, each with duplicates: a redelivery (the endpoint's dedupe) and a replay of
    // the handlers themselves (as the admin console's replay runs them). First the events up to
    // the checkpoint, shuffled; then all of them, shuffled again (the first part a second time).
    for (const seed of [1, 2, 3]) {
      const fx = await freshDatabase();
      await sameOrganization(fx, target);
      const seen = new Set<string>();
      const send = async (batch: StripeEvent[]) => {
        for (const event of batch) {
          const answer = await deliver(fx, event);
          if (seen.has(event.id)) {
            expect(answer, `seed ${seed}: ${event.id} again`).toMatchObject({ duplicate: true });
            await replayHandlers(fx, event);
          }
          seen.add(event.id);
        }
      };
      await send(shuffled(beforeEnd, seed));
      expect(await finalState(fx, org.id), `seed ${seed}, checkpoint`).toEqual(checkpoint);
      await send(shuffled(events, seed + 100));
      expect(await finalState(fx, org.id), `seed ${seed}`).toEqual(expected);
    }
    // Five databases, a few hundred deliveries each processed by the real job runner.
  }, 240_000);
});
