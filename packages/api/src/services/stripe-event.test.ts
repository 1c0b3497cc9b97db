// Processing of logged Stripe events (the endpoint's side is apps/server/src/stripe-webhook.test.ts):
// dispatch by type, a failure kept on the row and retried, nothing run twice, and an event nobody
// handles yet marked processed without action, through the real job runner.
import { randomUUID } from "node:crypto";
import { eq, type StripeEventPayload, stripeEvent } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { enqueueSystemJob } from "../jobs/system.ts";
import { type ApiFixture, createApiFixture } from "../testing.ts";
import {
  combineStripeEventHandlers,
  processStripeEvent,
  STRIPE_EVENT_TASK,
  type StripeEventHandler,
  stripeEventJobKey,
} from "./stripe-event.ts";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
});
afterAll(() => fx.drop());

/** An event as the endpoint logs it after verifying its signature. */
async function logged(type: string): Promise<StripeEventPayload> {
  const payload: StripeEventPayload = {
    id: `evt_test_${randomUUID().replaceAll("-", "")}`,
    type,
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: "sub_test", object: "subscription", status: "active" } },
  };
  await fx.db.insert(stripeEvent).values({ id: payload.id, type, livemode: false, payload });
  return payload;
}

const rowOf = async (id: string) =>
  (await fx.db.select().from(stripeEvent).where(eq(stripeEvent.id, id)))[0];

describe("processing a logged Stripe event", () => {
  it("runs the type's handler once; a failure is kept on the row and the retry clears it", async () => {
    const event = await logged("customer.subscription.updated");
    const seen: StripeEventPayload[] = [];
    let failNext = true;
    const handler: StripeEventHandler = async (received) => {
      seen.push(received);
      if (failNext) {
        failNext = false;
        throw new Error("the plan is not in the catalog yet");
      }
    };
    const handlers = combineStripeEventHandlers({ "customer.subscription.updated": handler });

    await expect(processStripeEvent(fx.jobDeps, event.id, handlers)).rejects.toThrow(
      "the plan is not in the catalog yet",
    );
    expect(await rowOf(event.id)).toMatchObject({
      attempts: 1,
      processedAt: null,
      lastError: "the plan is not in the catalog yet",
    });

    expect(await processStripeEvent(fx.jobDeps, event.id, handlers)).toBe("processed");
    const done = await rowOf(event.id);
    expect(done).toMatchObject({ attempts: 2, lastError: null });
    expect(done?.processedAt).toBeInstanceOf(Date);
    expect(seen).toEqual([event, event]);

    // Enqueued again (a replay of a processed event): the handler does not run a third time.
    expect(await processStripeEvent(fx.jobDeps, event.id, handlers)).toBe("already");
    expect(seen).toHaveLength(2);
  });

  it("runs every domain's handler of the type, in order (a checkout completes a plan, a tier or a pack)", async () => {
    const event = await logged("checkout.session.completed");
    const ran: string[] = [];
    const handlers = combineStripeEventHandlers(
      { "checkout.session.completed": async () => void ran.push("plans") },
      { "invoice.paid": async () => void ran.push("wrong type") },
      { "checkout.session.completed": async () => void ran.push("credit packs") },
    );
    expect(await processStripeEvent(fx.jobDeps, event.id, handlers)).toBe("processed");
    expect(ran).toEqual(["plans", "credit packs"]);
  });

  it("marks a type nobody handles yet processed without action, through the real runner", async () => {
    const event = await logged("customer.created");
    await enqueueSystemJob(
      fx.db,
      fx.jobDeps.clock,
      STRIPE_EVENT_TASK,
      { eventId: event.id },
      { jobKey: stripeEventJobKey(event.id) },
    );
    await fx.runJobs();
    const row = await rowOf(event.id);
    expect(row).toMatchObject({ attempts: 1, lastError: null });
    expect(row?.processedAt).toBeInstanceOf(Date);
  });

  it("an event id that is not in the log changes nothing", async () => {
    expect(await processStripeEvent(fx.jobDeps, "evt_never_logged")).toBe("missing");
    expect(await rowOf("evt_never_logged")).toBeUndefined();
  });
});
