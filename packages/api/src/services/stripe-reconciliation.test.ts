// Nightly reconciliation (issue 10 §2): the fixture's Stripe stand-in delivers signed webhooks to
// the app's endpoint and the real runner processes them, until the stand-in is told to lose some
// for good (dropWebhooks, as when Stripe gives up on a broken endpoint after three days). The
// database is then wrong; the stripe.reconcile job, run by the real runner, reads the
// subscriptions from Stripe through the SDK and puts them right with the webhooks' own upsert, and
// a second run changes nothing.
import { and, eq, memberTierState, sql, systemClock } from "@guild/db";
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
