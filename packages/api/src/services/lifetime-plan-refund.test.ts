// Refunding a lifetime organization plan takes it back: the owner buys Business for life on the
// stand-in's hosted checkout, a partial refund leaves the plan, a full one puts the organization
// on Free again (nothing deleted); a replayed refund changes nothing, and a refund processed before
// its purchase's completion fails, is retried, and ends the plan once the completion is in.
import { and, asc, eq, organizationSubscription, planPrice, sql, stripeEvent } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type ApiFixture,
  createApiFixture,
  deliverSignedToFixture,
  payHostedCheckout,
} from "../testing.ts";
import { pushCatalogToStripe } from "./plan-catalog-sync.ts";

let fx: ApiFixture;
let lifetimePriceId: string;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  await pushCatalogToStripe(fx.db, fx.stripe.stripe.client, new Date());
  await fx.stripe.settle();
  const [price] = await fx.db
    .select({ id: planPrice.id })
    .from(planPrice)
    .where(eq(planPrice.interval, "lifetime"));
  lifetimePriceId = price?.id ?? "";
});
afterAll(() => fx.drop());

/** A new organization whose owner bought the lifetime plan; answers its payment intent. */
async function lifetimeOrganization(slug: string, hold = false) {
  const org = await fx.createOrg(slug);
  const owner = await org.owner.caller(slug);
  // Held back: the completion reaches Guild only when the test delivers it.
  const stopDropping = hold
    ? fx.stripe.standIn.dropWebhooks(
        (event) =>
          event.type === "checkout.session.completed" &&
          JSON.stringify(event.data.object).includes(org.org.id),
      )
    : () => {};
  await payHostedCheckout((await owner.subscription.checkout({ priceId: lifetimePriceId })).url);
  await fx.stripe.settle();
  stopDropping();
  const sessions = await fx.stripe.stripe.client.checkout.sessions.list({ limit: 100 });
  const session = sessions.data.find((s) => s.metadata?.organization_id === org.org.id);
  const paymentIntent = session?.payment_intent;
  if (typeof paymentIntent !== "string" || !session) throw new Error("no payment intent");
  return { org, owner, paymentIntent, sessionId: session.id };
}

async function plans(organizationId: string) {
  return fx.db
    .select({ source: organizationSubscription.source, status: organizationSubscription.status })
    .from(organizationSubscription)
    .where(eq(organizationSubscription.organizationId, organizationId))
    .orderBy(asc(organizationSubscription.createdAt));
}

const refund = (paymentIntent: string, amount?: number) =>
  fx.stripe.stripe.client.refunds.create({
    payment_intent: paymentIntent,
    ...(amount ? { amount } : {}),
  });

/** An event delivered signed to the app's endpoint (its job left queued). */
async function deliverSigned(event: object) {
  const response = await deliverSignedToFixture(fx, event);
  expect(response.status).toBe(200);
}

describe("refunding a lifetime plan", () => {
  it("a partial refund leaves the plan; a full one ends it, once", async () => {
    const bought = await lifetimeOrganization("lifer");
    expect(await plans(bought.org.org.id)).toEqual([{ source: "lifetime", status: "active" }]);

    await refund(bought.paymentIntent, 1000);
    await fx.stripe.settle();
    expect(await plans(bought.org.org.id)).toEqual([{ source: "lifetime", status: "active" }]);

    await refund(bought.paymentIntent);
    await fx.stripe.settle();
    expect(await plans(bought.org.org.id)).toEqual([{ source: "lifetime", status: "canceled" }]);
    expect(await bought.owner.entitlement.current()).toMatchObject({
      key: "free",
      subscription: null,
    });

    // The full refund's event replayed under a new id: nothing more changes.
    const [full] = await fx.db
      .select({ payload: stripeEvent.payload })
      .from(stripeEvent)
      .where(
        and(
          eq(stripeEvent.type, "charge.refunded"),
          sql`${stripeEvent.payload} -> 'data' -> 'object' ->> 'payment_intent' = ${bought.paymentIntent}`,
          sql`(${stripeEvent.payload} -> 'data' -> 'object' ->> 'refunded')::boolean`,
        ),
      );
    expect(full).toBeDefined();
    await deliverSigned({ ...full?.payload, id: `${full?.payload.id}_replay` });
    await fx.stripe.settle();
    expect(await plans(bought.org.org.id)).toEqual([{ source: "lifetime", status: "canceled" }]);
  });

  it("a refund processed before its completion is retried, and ends the plan once it is in", async () => {
    const bought = await lifetimeOrganization("early", true);
    expect(await plans(bought.org.org.id)).toEqual([]);
    await refund(bought.paymentIntent);
    await fx.stripe.settle();
    const [early] = await fx.db
      .select({ processedAt: stripeEvent.processedAt, lastError: stripeEvent.lastError })
      .from(stripeEvent)
      .where(
        and(
          eq(stripeEvent.type, "charge.refunded"),
          sql`${stripeEvent.payload} -> 'data' -> 'object' ->> 'payment_intent' = ${bought.paymentIntent}`,
        ),
      );
    expect(early?.processedAt).toBeNull();
    expect(early?.lastError).toContain("not applied yet");

    const events = await fx.stripe.stripe.client.events.list({
      type: "checkout.session.completed",
      limit: 100,
    });
    const completion = events.data.find((e) =>
      JSON.stringify(e.data.object).includes(bought.sessionId),
    );
    if (!completion) throw new Error("no completion event");
    await deliverSigned(completion);
    await fx.stripe.settle();
    expect(await plans(bought.org.org.id)).toEqual([{ source: "lifetime", status: "active" }]);
    // The retry (its backoff elapsed) finds the completion in and ends the plan.
    await fx.db.execute(sql`update graphile_worker._private_jobs set run_at = now()`);
    await fx.stripe.settle();
    expect(await plans(bought.org.org.id)).toEqual([{ source: "lifetime", status: "canceled" }]);
  });
});
