// POST /api/webhooks/stripe (issue 10 §2): Stripe's deliveries, for the platform account and for
// Connect. Server to server: no cookies, no Origin a browser would set, so the host routes it
// outside its cross-site check on purpose (apps/server/src/app.ts); the signature over the raw
// body is the only credential. A bad or stale signature gets 400 and writes nothing. A valid event
// goes into the global event log and its processing job is enqueued in the same transaction, then
// 200 at once (Stripe waits a few seconds at most and retries on anything else); a redelivered
// event id gets 200 and changes nothing.
import { type Clock, type Database, type StripeEventPayload, stripeEvent } from "@guild/db";
import Stripe from "stripe";
import { enqueueSystemJob } from "../jobs/system.ts";
import type { StripeDeps } from "../services/stripe-client.ts";
import {
  STRIPE_EVENT_TASK,
  type StripeEventJob,
  stripeEventJobKey,
} from "../services/stripe-event.ts";

export const STRIPE_WEBHOOK_PATH = "/api/webhooks/stripe";

function reply(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

/** The event, if one of the secrets signed this body within Stripe's tolerance (5 minutes). */
function verified(stripe: StripeDeps, body: Buffer, signature: string): StripeEventPayload | null {
  for (const secret of stripe.webhookSecrets) {
    try {
      // The event as sent, every field kept (constructEvent parsed the body it verified).
      return stripe.client.webhooks.constructEvent(body, signature, secret);
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
    }
  }
  return null;
}

export async function receiveStripeWebhook(
  deps: { db: Database; clock: Clock; stripe: StripeDeps | null },
  request: Request,
): Promise<Response> {
  if (!deps.stripe) return reply(503, { error: "Billing is not configured on this server" });
  const signature = request.headers.get("stripe-signature");
  if (!signature) return reply(400, { error: "No Stripe-Signature header" });
  // The raw bytes, exactly as signed: re-serialized JSON would not verify.
  const body = Buffer.from(await request.arrayBuffer());
  let event: StripeEventPayload | null;
  try {
    event = verified(deps.stripe, body, signature);
  } catch {
    // Not JSON after all, or not an event: as good as unsigned.
    event = null;
  }
  if (!event || typeof event.id !== "string" || typeof event.type !== "string")
    return reply(400, { error: "Invalid Stripe signature" });
  const { id } = event;
  const duplicate = await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(stripeEvent)
      .values({
        id,
        type: event.type,
        account: event.account ?? null,
        livemode: event.livemode,
        payload: event,
      })
      .onConflictDoNothing({ target: stripeEvent.id })
      .returning({ id: stripeEvent.id });
    if (inserted.length === 0) return true;
    const job: StripeEventJob = { eventId: id };
    await enqueueSystemJob(tx, deps.clock, STRIPE_EVENT_TASK, job, {
      jobKey: stripeEventJobKey(id),
    });
    return false;
  });
  return reply(200, { received: true, ...(duplicate ? { duplicate: true } : {}) });
}
