// A member whose membership ends stops paying for their tier: removed by an admin, leaving,
// deleting their account or with their organization deleted, a subscription still running on the
// connected account is canceled at Stripe (the stand-in, through the SDK) by the job that the
// deletion queued in its own transaction, and the webhook that follows finds nothing left to
// change. A rerun of the job changes nothing; a comped tier just ends.
import { and, asSystem, eq, memberTierState, sql, stripeEvent, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type ApiFixture,
  createApiFixture,
  payHostedCheckout,
  TEST_PASSWORD,
  unpricedTierFields,
} from "../testing.ts";
import { cancelFormerMemberSubscription } from "./member-tier-ending.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<ApiFixture["anonymous"]>>;
let owner: Caller;
let stripeAccount: string;
let gold: { id: string };

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
