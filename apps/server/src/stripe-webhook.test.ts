// POST /api/webhooks/stripe over real HTTP, with the server's own local Stripe stand-in (started
// because the test env has no STRIPE_SECRET_KEY) driven through the real `stripe` SDK: what the
// stand-in sends arrives signed, is logged once and processed by its job; a redelivery changes
// nothing; a tampered body, a wrong secret or a stale signature gets 400 and writes nothing; and
// the cross-site check, which refuses a foreign Origin everywhere else on /api, lets it through.
import { randomUUID } from "node:crypto";
import { eq, sql, stripeEvent } from "@guild/db";
import type { StripeStandIn } from "@guild/stripe-stand-in";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createServerFixture } from "./testing.ts";

const PATH = "/api/webhooks/stripe";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
let standIn: StripeStandIn;
let stripe: Stripe;
beforeAll(async () => {
  fx = await createServerFixture(inject("pgAdminUrl"));
  if (!fx.server.stripeStandIn) throw new Error("the test server should run a Stripe stand-in");
  standIn = fx.server.stripeStandIn;
  stripe = new Stripe("sk_test_webhook_tests", { ...standIn.stripeConfig });
});
afterAll(async () => {
  await fx?.close();
});

const rowsOf = (id: string) =>
  fx.server.db.select().from(stripeEvent).where(eq(stripeEvent.id, id));

/** The row once its job has processed it (the server's own runner picks it up within ms). */
async function processed(id: string) {
  for (let i = 0; i < 200; i++) {
    const [row] = await rowsOf(id);
    if (row?.processedAt) return row;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`event ${id} was not processed`);
}

/** A Stripe-shaped event of our own making (for the signatures the stand-in never gets wrong). */
function fakeEvent() {
  const id = `evt_test_${randomUUID().replaceAll("-", "")}`;
  return {
    id,
    payload: JSON.stringify({
      id,
      object: "event",
      api_version: "2026-10-28.endive",
      created: Math.floor(Date.now() / 1000),
      type: "customer.created",
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: { id: "cus_made_up", object: "customer", email: "a@example.com" } },
    }),
  };
}

function post(body: string, headers: Record<string, string>) {
  return fetch(new URL(PATH, fx.server.url), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

const jobsFor = async (id: string) =>
  (
    await fx.server.db.execute<{ count: number }>(
      sql`select count(*)::int as count from graphile_worker.jobs where key = ${`stripe-event:${id}`}`,
    )
  )[0]?.count;

/**
 * Everything a delivery could have written: every row of the event log and every processing job
 * in the queue. Compared before and after each refused delivery: "nothing written" means nothing,
 * not just nothing under the event's own id (a tampered body may carry another id). The endpoint
 * writes the row and its job in one transaction, so a job that came and went would have left
 * its row.
 */
async function written() {
  const events = await fx.server.db.select().from(stripeEvent).orderBy(stripeEvent.id);
  const jobs = await fx.server.db.execute<{ id: string; key: string | null }>(
    sql`select id::text, key from graphile_worker.jobs where task_identifier = 'stripe.event' order by id`,
  );
  return { events, jobs: [...jobs] };
}

/** Posts a delivery that must be refused: 400, and the log and the queue exactly as before. */
async function refused(payload: string, headers: Record<string, string>) {
  // Earlier deliveries (and their jobs) settled first, so only this one could change anything.
  await standIn.waitForWebhooks();
  const before = await written();
  const response = await post(payload, headers);
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ error: expect.any(String) });
  expect(await written()).toEqual(before);
}

/** The stand-in's customer.created event of this customer, once its deliveries are done. */
async function deliveredCustomerCreated(customerId: string) {
  await standIn.waitForWebhooks();
  const event = standIn
    .events({ type: "customer.created" })
    .find((e) => JSON.stringify(e.data.object).includes(customerId));
  if (!event) throw new Error("the stand-in made no customer.created event");
  return event;
}

describe("events from the stand-in", () => {
  it("arrive signed, land once in the log, and their job processes them", async () => {
    const customer = await stripe.customers.create({ email: "webhook@example.com" });
    const event = await deliveredCustomerCreated(customer.id);
    // Delivered to the server and accepted on the first attempt.
    const delivery = standIn.deliveries().find((d) => d.eventId === event.id);
    expect(delivery?.attempts.map((a) => a.status)).toEqual([200]);

    const row = await processed(event.id);
    expect(row).toMatchObject({
      type: "customer.created",
      account: null,
      livemode: false,
      attempts: 1,
      lastError: null,
    });
    expect(row.payload.data.object).toMatchObject({
      id: customer.id,
      email: "webhook@example.com",
    });
  });

  it("a redelivered event (the dashboard's Resend) gets 2xx and changes nothing", async () => {
    const customer = await stripe.customers.create({ email: "resent@example.com" });
    const event = await deliveredCustomerCreated(customer.id);
    const before = await processed(event.id);

    standIn.resendEvent(event.id);
    standIn.resendEvent(event.id);
    await standIn.waitForWebhooks();
    const attempts = standIn.deliveries().filter((d) => d.eventId === event.id);
    expect(attempts.flatMap((d) => d.attempts.map((a) => a.status))).toEqual([200, 200, 200]);

    const after = await rowsOf(event.id);
    expect(after).toEqual([before]);
    // No second processing job either.
    expect(await jobsFor(event.id)).toBe(0);
  });
});

describe("signatures", () => {
  const sign = (payload: string, secret: string, timestamp?: number) =>
    stripe.webhooks.generateTestHeaderString({
      payload,
      secret,
      ...(timestamp ? { timestamp } : {}),
    });

  it("a correctly signed event of our own is accepted (the refusals below are not vacuous)", async () => {
    const { id, payload } = fakeEvent();
    const response = await post(payload, {
      "stripe-signature": sign(payload, standIn.webhookSecret),
    });
    expect(response.status).toBe(200);
    expect(await processed(id)).toMatchObject({ type: "customer.created" });

    // The same delivery again: 2xx, still one row, no new job.
    const again = await post(payload, { "stripe-signature": sign(payload, standIn.webhookSecret) });
    expect(again.status).toBe(200);
    expect(await rowsOf(id)).toHaveLength(1);
    expect(await jobsFor(id)).toBe(0);
  });

  it("a tampered body gets 400 and writes nothing", async () => {
    const { id, payload } = fakeEvent();
    const signature = sign(payload, standIn.webhookSecret);
    const tampered = payload.replace("a@example.com", "b@example.com");
    expect(tampered).not.toBe(payload);
    await refused(tampered, { "stripe-signature": signature });
    // Another event id under the same signature: just as refused.
    const renamed = payload.replaceAll(id, `${id}x`);
    await refused(renamed, { "stripe-signature": signature });
    // One byte of whitespace is a tampering too: the signature covers the raw bytes, not the JSON.
    await refused(`${payload} `, { "stripe-signature": signature });
    expect(await rowsOf(id)).toEqual([]);
    expect(await jobsFor(id)).toBe(0);
  });

  it("a wrong secret gets 400 and writes nothing", async () => {
    const { id, payload } = fakeEvent();
    await refused(payload, { "stripe-signature": sign(payload, "whsec_not_the_endpoints_secret") });
    // Several v1 signatures (as Stripe sends while a secret is rolled), none by this endpoint's.
    const twoWrong = `${sign(payload, "whsec_wrong_1")},v1=${"0".repeat(64)}`;
    await refused(payload, { "stripe-signature": twoWrong });
    expect(await rowsOf(id)).toEqual([]);
    expect(await jobsFor(id)).toBe(0);
  });

  it("a signature older than Stripe's tolerance (5 minutes) gets 400 and writes nothing", async () => {
    const { id, payload } = fakeEvent();
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    await refused(payload, {
      "stripe-signature": sign(payload, standIn.webhookSecret, tenMinutesAgo),
    });
    // Just past the tolerance, too: the edge is 300 seconds.
    await refused(payload, {
      "stripe-signature": sign(payload, standIn.webhookSecret, Math.floor(Date.now() / 1000) - 320),
    });
    expect(await rowsOf(id)).toEqual([]);
    expect(await jobsFor(id)).toBe(0);
  });

  it("no signature, or one that is not Stripe's format, gets 400", async () => {
    const { id, payload } = fakeEvent();
    await refused(payload, {});
    await refused(payload, { "stripe-signature": "garbage" });
    expect(await rowsOf(id)).toEqual([]);
  });
});

describe("the cross-site check", () => {
  it("lets a signed webhook with a foreign Origin through, by design, and still guards the rest of /api", async () => {
    const { id, payload } = fakeEvent();
    const response = await post(payload, {
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
      "stripe-signature": stripe.webhooks.generateTestHeaderString({
        payload,
        secret: standIn.webhookSecret,
      }),
    });
    expect(response.status).toBe(200);
    expect(await rowsOf(id)).toHaveLength(1);

    // The same Origin anywhere else on /api is refused.
    const elsewhere = await fetch(new URL("/api/trpc/me.organizations.create", fx.server.url), {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ json: { name: "Evil", slug: "evil" } }),
    });
    expect(elsewhere.status).toBe(403);
  });
});

describe("a fresh machine's stand-in", () => {
  it("sells the seeded plan catalog from boot: each price linked to its Stripe price", async () => {
    const rows = await fx.server.db.execute<{ lookup_key: string; stripe_price_id: string | null }>(
      sql`select lookup_key, stripe_price_id from plan_price order by lookup_key`,
    );
    expect(rows.map((r) => r.lookup_key)).toEqual([
      "business_lifetime_usd",
      "business_month_usd",
      "business_year_usd",
      "pro_month_usd",
      "pro_year_usd",
    ]);
    for (const row of rows) {
      const price = await stripe.prices.retrieve(row.stripe_price_id ?? "missing");
      expect(price.lookup_key).toBe(row.lookup_key);
    }
  });
});
