// Processing of Stripe's webhook events (issue 10 §2), one job per event (jobs/stripe.ts), after
// the endpoint (webhooks/stripe.ts) logged the event and enqueued the job in one transaction.
// Handlers are registered by event type; subscriptions, tiers, credits and the catalog add theirs
// as they come. An event of a type nobody handles is marked processed without action (logged),
// so the log shows it arrived and nothing waits on it.
import { type Database, eq, type StripeEventPayload, sql, stripeEvent } from "@guild/db";
import type { JobDeps } from "../jobs/define.ts";

export type StripeEventHandler = (
  event: StripeEventPayload,
  context: { deps: JobDeps },
) => Promise<void>;

/** Handlers by event type (empty until billing's domains register theirs). */
export const stripeEventHandlers: Partial<Record<string, StripeEventHandler>> = {};

/** The processing job's name and payload (a system task: an event belongs to no tenant yet). */
export const STRIPE_EVENT_TASK = "stripe.event";
export interface StripeEventJob {
  eventId: string;
}

/** The job key of an event's processing: enqueueing it twice leaves one job. */
export const stripeEventJobKey = (eventId: string) => `stripe-event:${eventId}`;

/**
 * Runs an event's handler once: an event already processed is left alone (a job retried after
 * the handler committed, or enqueued again), attempts count every try, and a failure keeps its
 * error on the row and is thrown again so the job is retried with backoff.
 */
export async function processStripeEvent(
  deps: JobDeps,
  eventId: string,
  handlers: Partial<Record<string, StripeEventHandler>> = stripeEventHandlers,
): Promise<"processed" | "unhandled" | "already" | "missing"> {
  const [row] = await deps.db
    .update(stripeEvent)
    .set({ attempts: sql`${stripeEvent.attempts} + 1` })
    .where(eq(stripeEvent.id, eventId))
    .returning({
      type: stripeEvent.type,
      payload: stripeEvent.payload,
      processedAt: stripeEvent.processedAt,
    });
  if (!row) {
    deps.log("warn", "stripe event not in the log", { eventId });
    return "missing";
  }
  if (row.processedAt) return "already";
  const handler = handlers[row.type];
  try {
    if (handler) await handler(row.payload, { deps });
    else
      deps.log("info", "stripe event processed without action (no handler)", {
        eventId,
        type: row.type,
      });
    await markProcessed(deps.db, eventId, deps.clock.now());
    return handler ? "processed" : "unhandled";
  } catch (error) {
    await deps.db
      .update(stripeEvent)
      .set({ lastError: error instanceof Error ? error.message : String(error) })
      .where(eq(stripeEvent.id, eventId));
    throw error;
  }
}

async function markProcessed(db: Database, eventId: string, at: Date): Promise<void> {
  await db
    .update(stripeEvent)
    .set({ processedAt: at, lastError: null })
    .where(eq(stripeEvent.id, eventId));
}
