// Processing of Stripe's webhook events (issue 10 §2), one job per event (jobs/stripe.ts), after
// the endpoint (webhooks/stripe.ts) logged the event and enqueued the job in one transaction.
// Each billing domain (catalog, organization plans, member tiers, orders) exports its own handlers
// by event type from its service file, and they are combined below: one event type may concern
// several domains (checkout.session.completed completes a plan, a tier or a credit pack), so every
// handler of the type runs, in order, and each returns at once for an event that is not its own
// (it tells by `metadata.guild_purpose` or by `event.account`). A failure retries the whole event,
// so handlers must be idempotent (upserts that compare Stripe's timestamps, grants keyed by the
// object's id) — which they must be anyway, as Stripe redelivers. An event of a type nobody
// handles is marked processed without action (logged), so the log shows it arrived and nothing
// waits on it.
import { type Database, eq, type StripeEventPayload, sql, stripeEvent } from "@guild/db";
import type { JobDeps } from "../jobs/define.ts";
import { billingInvoiceStripeEventHandlers } from "./billing-invoice.ts";
import { checkoutExpiredStripeHandlers } from "./checkout-expired.ts";
import { connectStripeHandlers } from "./connect.ts";
import { memberTierStripeHandlers } from "./member-tier-stripe.ts";
import { orderStripeEventHandlers } from "./order.ts";
import { organizationPlanStripeHandlers } from "./organization-plan-stripe.ts";
import { catalogStripeHandlers } from "./plan-catalog-sync.ts";

export type StripeEventHandler = (
  event: StripeEventPayload,
  context: { deps: JobDeps },
) => Promise<void>;

/** One domain's handlers, by event type. */
export type StripeEventHandlerSet = Partial<Record<string, StripeEventHandler>>;
/** Every domain's handlers, by event type, in the order they run. */
export type StripeEventHandlers = Partial<Record<string, readonly StripeEventHandler[]>>;

/** Merges domains' handler sets: each type runs the handlers of every set that has one. */
export function combineStripeEventHandlers(
  ...sets: readonly StripeEventHandlerSet[]
): StripeEventHandlers {
  const combined: Record<string, StripeEventHandler[]> = {};
  for (const set of sets)
    for (const [type, handler] of Object.entries(set))
      if (handler) combined[type] = [...(combined[type] ?? []), handler];
  return combined;
}

/**
 * The handlers the job runs. Add a domain's set here (imported from its service file); the
 * metadata every Guild checkout and subscription carries is in the briefing of issue 10:
 * `guild_purpose` ("organization_plan" | "member_tier" | "credit_pack"), `organization_id`, and
 * `user_id` for a member's purchase.
 */
export const stripeEventHandlers: StripeEventHandlers = combineStripeEventHandlers(
  connectStripeHandlers,
  memberTierStripeHandlers,
  orderStripeEventHandlers,
  billingInvoiceStripeEventHandlers,
  organizationPlanStripeHandlers,
  catalogStripeHandlers,
  checkoutExpiredStripeHandlers,
);

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
  handlers: StripeEventHandlers = stripeEventHandlers,
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
  const forType = handlers[row.type] ?? [];
  try {
    for (const handler of forType) await handler(row.payload, { deps });
    if (forType.length === 0)
      deps.log("info", "stripe event processed without action (no handler)", {
        eventId,
        type: row.type,
      });
    await markProcessed(deps.db, eventId, deps.clock.now());
    return forType.length > 0 ? "processed" : "unhandled";
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
