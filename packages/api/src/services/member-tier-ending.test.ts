// A member whose membership ends stops paying for their tier: removed by an admin, leaving,
// deleting their account or with their organization deleted, a subscription still running on the
// connected account is canceled at Stripe (the stand-in, through the SDK) by the job that the
// deletion queued in its own transaction, and the webhook that follows finds nothing left to
// change. A rerun of the job changes nothing; a comped tier just ends.
import { and, asSystem, eq, memberTierState, order, sql, stripeEvent, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type ApiFixture,
  createApiFixture,
  deliverSignedToFixture,
  payHostedCheckout,
  TEST_PASSWORD,
  unpricedTierFields,
} from "../testing.ts";
import { activeTierOf } from "./member-tier.ts";
import { cancelFormerMemberSubscription } from "./member-tier-ending.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<ApiFixture["anonymous"]>>;
let owner: Caller;
let stripeAccount: string;
let gold: { id: string };
let forever: { id: string };

const tierFields = unpricedTierFields;
const pay = payHostedCheckout;

async function stateOf(organizationId: string, memberId: string) {
  const [row] = await fx.db
    .select()
    .from(memberTierState)
    .where(
      and(
        eq(memberTierState.organizationId, organizationId),
        eq(memberTierState.memberId, memberId),
      ),
    );
  return row ?? null;
}

/** The cancellation jobs waiting in the queue, by subscription. */
async function queuedCancellations() {
  const rows = await fx.db.execute<{ payload: { subscriptionId: string } }>(
    sql`select j.payload from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'member-tier.cancel-subscription'`,
  );
  return [...rows].map((row) => row.payload.subscriptionId);
}

const subscriptionAt = (id: string, account = stripeAccount) =>
  fx.stripe.stripe.client.subscriptions.retrieve(id, {}, { stripeAccount: account });

/** Connects an organization's Stripe on the stand-in's onboarding page (as its owner). */
async function connect(api: Caller) {
  const { url } = await api.connect.start();
  const done = await fetch(url, { method: "POST", redirect: "manual" });
  expect(done.status).toBe(303);
  await fx.stripe.settle();
  const status = await api.connect.status();
  if (!status?.chargesEnabled) throw new Error("the connected account takes no payments");
  return status.stripeAccountId;
}

/** A new member of the organization who pays for a tier by the month. */
async function payingMember(slug: string, organizationId: string, tierId: string, name: string) {
  const person = await fx.addMember(organizationId, "member", { name });
  const api = await person.caller(slug);
  await pay((await api.memberTier.checkout({ tierId, interval: "month" })).url);
  await fx.stripe.settle();
  const row = await stateOf(organizationId, person.memberId);
  expect(row).toMatchObject({ status: "active", source: "stripe" });
  const subscriptionId = row?.stripeSubscriptionId;
  if (!subscriptionId) throw new Error("no subscription");
  expect((await subscriptionAt(subscriptionId, stripeAccount)).status).toBe("active");
  return { ...person, api, subscriptionId };
}

/** The queued job runs, then the webhook it causes: every event of the account processed cleanly. */
async function settleTwice() {
  await fx.stripe.settle();
  await fx.stripe.settle();
  const logged = await fx.db
    .select({ type: stripeEvent.type, lastError: stripeEvent.lastError })
    .from(stripeEvent)
    .where(sql`${stripeEvent.processedAt} is null or ${stripeEvent.lastError} is not null`);
  expect(logged).toEqual([]);
}

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["admin"]);
  owner = await acme.owner.caller("acme");
  stripeAccount = await connect(owner);
  gold = await owner.memberTier.create({ ...tierFields, name: "Gold", monthlyPrice: 900 });
  forever = await owner.memberTier.create({ ...tierFields, name: "Forever", lifetimePrice: 20000 });
});
afterAll(() => fx.drop());

describe("a membership that ends cancels the tier's subscription", () => {
  it("an admin removes a paying member: canceled at Stripe at once, and a rerun changes nothing", async () => {
    const payer = await payingMember("acme", acme.org.id, gold.id, "Removed payer");
    await owner.member.remove({ id: payer.memberId });
    // Queued by the removal itself; the tier state ended with the membership.
    expect(await queuedCancellations()).toContain(payer.subscriptionId);
    expect(await stateOf(acme.org.id, payer.memberId)).toBeNull();

    await settleTwice();
    const canceled = await subscriptionAt(payer.subscriptionId);
    expect(canceled.status).toBe("canceled");
    expect(canceled.cancel_at_period_end).toBe(false);
    expect(await queuedCancellations()).not.toContain(payer.subscriptionId);
    // The webhook of the cancellation found no membership to write a tier to.
    expect(await stateOf(acme.org.id, payer.memberId)).toBeNull();

    // The job again: it finds the subscription ended and leaves it as it was.
    const again = await cancelFormerMemberSubscription(
      (fn) => withTenant(fx.db, asSystem(acme.org.id, "test"), fn),
      fx.jobDeps,
      { subscriptionId: payer.subscriptionId, stripeAccount: null },
    );
    expect(again).toBe("already");
    expect(await subscriptionAt(payer.subscriptionId)).toEqual(canceled);
  });

  it("a paying member who leaves stops paying", async () => {
    const payer = await payingMember("acme", acme.org.id, gold.id, "Leaver");
    await payer.api.member.leave();
    await settleTwice();
    expect((await subscriptionAt(payer.subscriptionId)).status).toBe("canceled");
  });

  it("a paying member who deletes their account stops paying", async () => {
    const payer = await payingMember("acme", acme.org.id, gold.id, "Deleter");
    await payer.api.me.deleteAccount({ password: TEST_PASSWORD });
    expect(await queuedCancellations()).toContain(payer.subscriptionId);
    await settleTwice();
    expect((await subscriptionAt(payer.subscriptionId)).status).toBe("canceled");
  });

  it("a deleted organization's paying members stop paying", async () => {
    const doomed = await fx.createOrg("doomed");
    const doomedOwner = await doomed.owner.caller("doomed");
    const account = await connect(doomedOwner);
    const tier = await doomedOwner.memberTier.create({
      ...tierFields,
      name: "Doomed gold",
      monthlyPrice: 500,
    });
    const saved = stripeAccount;
    stripeAccount = account;
    try {
      const payer = await payingMember("doomed", doomed.org.id, tier.id, "Doomed payer");
      await doomedOwner.organization.remove({ confirmName: doomed.org.name });
      await settleTwice();
      expect((await subscriptionAt(payer.subscriptionId, account)).status).toBe("canceled");
    } finally {
      stripeAccount = saved;
    }
  });

  it("a comped tier just ends with the membership: nothing is queued", async () => {
    const comped = await fx.addMember(acme.org.id, "member", { name: "Comped" });
    await owner.memberTier.grant({ memberId: comped.memberId, tierId: gold.id });
    const before = await queuedCancellations();
    await owner.member.remove({ id: comped.memberId });
    expect(await stateOf(acme.org.id, comped.memberId)).toBeNull();
    expect(await queuedCancellations()).toEqual(before);
  });

  it("a subscription that already ended queues nothing when its member goes", async () => {
    const payer = await payingMember("acme", acme.org.id, gold.id, "Ended before");
    await fx.stripe.stripe.client.subscriptions.cancel(payer.subscriptionId, {}, { stripeAccount });
    await fx.stripe.settle();
    expect(await stateOf(acme.org.id, payer.memberId)).toMatchObject({ status: "canceled" });
    await owner.member.remove({ id: payer.memberId });
    expect(await queuedCancellations()).not.toContain(payer.subscriptionId);
  });
});

/** An event delivered signed to the app's endpoint, then everything it queued settled. */
async function deliverSigned(event: object) {
  const response = await deliverSignedToFixture(fx, event);
  expect(response.status).toBe(200);
  await fx.stripe.settle();
}

/** A new member who buys the Forever tier for life; answers its payment intent. */
async function lifer(name: string) {
  const person = await fx.addMember(acme.org.id, "member", { name });
  const api = await person.caller("acme");
  await pay((await api.memberTier.checkout({ tierId: forever.id, interval: "lifetime" })).url);
  await fx.stripe.settle();
  const sessions = await fx.stripe.stripe.client.checkout.sessions.list(
    { limit: 100 },
    { stripeAccount },
  );
  const session = sessions.data.find((s) => s.metadata?.user_id === person.id);
  const paymentIntent = session?.payment_intent;
  if (typeof paymentIntent !== "string") throw new Error("no payment intent");
  return { ...person, api, paymentIntent, sessionId: session?.id ?? "" };
}

const inAcme = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(fx.db, asSystem(acme.org.id, "test"), fn);

describe("refunding a lifetime tier", () => {
  it("a partial refund leaves the access; a full one takes it back, once", async () => {
    const buyer = await lifer("Refunded lifer");
    expect(await buyer.api.memberTier.mine()).toMatchObject({ interval: "lifetime", active: true });

    const refund = (amount?: number) =>
      fx.stripe.stripe.client.refunds.create(
        { payment_intent: buyer.paymentIntent, ...(amount ? { amount } : {}) },
        { stripeAccount },
      );
    await refund(5000);
    await fx.stripe.settle();
    expect(await buyer.api.memberTier.mine()).toMatchObject({ status: "active", active: true });
    expect(await inAcme((scope) => activeTierOf(scope, buyer.id))).toMatchObject({
      tierId: forever.id,
    });

    await refund(); // the rest
    await fx.stripe.settle();
    expect(await buyer.api.memberTier.mine()).toMatchObject({
      status: "canceled",
      interval: "lifetime",
      active: false,
    });
    expect(await inAcme((scope) => activeTierOf(scope, buyer.id))).toBeNull();
    // The purchase's order (services/order.ts) records the refunds too.
    expect(
      await fx.db
        .select({ status: order.status, amountRefunded: order.amountRefunded })
        .from(order)
        .where(
          and(
            eq(order.organizationId, acme.org.id),
            eq(order.stripePaymentIntentId, buyer.paymentIntent),
          ),
        ),
    ).toEqual([{ status: "refunded", amountRefunded: 20000 }]);

    // The refund's event replayed (a new id, as Stripe's resend or the console's replay) and every
    // event processed cleanly: the row says the same.
    const { updatedAt: _, ...before } = (await stateOf(acme.org.id, buyer.memberId)) ?? {};
    const [refunded] = await fx.db
      .select({ payload: stripeEvent.payload })
      .from(stripeEvent)
      .where(
        and(
          eq(stripeEvent.type, "charge.refunded"),
          sql`${stripeEvent.payload} -> 'data' -> 'object' ->> 'amount_refunded' = '20000'`,
          sql`${stripeEvent.payload} -> 'data' -> 'object' ->> 'payment_intent' = ${buyer.paymentIntent}`,
        ),
      );
    expect(refunded).toBeDefined();
    await deliverSigned({ ...refunded?.payload, id: `${refunded?.payload.id}_replay` });
    expect(await stateOf(acme.org.id, buyer.memberId)).toMatchObject(before);
    await settleTwice();
  });

  it("a refund that arrives before its purchase's completion still ends it", async () => {
    const person = await fx.addMember(acme.org.id, "member", { name: "Early refund" });
    const api = await person.caller("acme");
    // The completion is held back: it reaches Guild only after the refund.
    const stopDropping = fx.stripe.standIn.dropWebhooks(
      (event) =>
        event.type === "checkout.session.completed" &&
        JSON.stringify(event.data.object).includes(person.id),
    );
    await pay((await api.memberTier.checkout({ tierId: forever.id, interval: "lifetime" })).url);
    await fx.stripe.settle();
    stopDropping();
    expect(await api.memberTier.mine()).toBeNull();
    const events = await fx.stripe.stripe.client.events.list(
      { type: "checkout.session.completed", limit: 100 },
      { stripeAccount },
    );
    const completion = events.data.find((e) => JSON.stringify(e.data.object).includes(person.id));
    if (!completion) throw new Error("no completion event");
    const paymentIntent = (completion.data.object as { payment_intent?: unknown }).payment_intent;
    if (typeof paymentIntent !== "string") throw new Error("no payment intent");

    await fx.stripe.stripe.client.refunds.create(
      { payment_intent: paymentIntent },
      { stripeAccount },
    );
    await fx.stripe.settle();
    expect(await api.memberTier.mine()).toMatchObject({ status: "canceled", active: false });

    await deliverSigned(completion);
    expect(await api.memberTier.mine()).toMatchObject({ status: "canceled", active: false });
    expect(await inAcme((scope) => activeTierOf(scope, person.id))).toBeNull();
    await settleTwice();
  });
});
