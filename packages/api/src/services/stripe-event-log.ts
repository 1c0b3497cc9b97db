// The Stripe webhook event log as the platform admin console shows it (issue 10 §3): every
// logged event, newest first, with its processing state, and a replay.
//
// Replay re-runs an event's processing: in one transaction with its audit row, processed_at is
// cleared (so processStripeEvent, which skips processed events, runs the handlers again) and
// the event's job is enqueued under its own job key (stripeEventJobKey: a job still waiting or
// retrying for it is replaced, reset to its first attempt, not doubled). Replaying an event that
// was processed is safe because handlers must be idempotent and out-of-order safe (issue 10's
// briefing: grants keyed by Stripe's ids, state compared by Stripe's timestamps), so it changes
// nothing that is already right and repairs what a since-fixed handler got wrong; the count of
// attempts keeps growing and the last error stays until an attempt succeeds.

import type { Clock } from "@guild/db";
import {
  and,
  type Database,
  desc,
  eq,
  isNotNull,
  isNull,
  type SQL,
  sql,
  stripeEvent,
} from "@guild/db";
import { notFound } from "../errors.ts";
import { enqueueSystemJob } from "../jobs/system.ts";
import type { StripeEventFilter } from "../schemas/admin.ts";
import { type AuditActor, recordAudit } from "./audit-log.ts";
import { STRIPE_EVENT_TASK, type StripeEventJob, stripeEventJobKey } from "./stripe-event.ts";

export async function listStripeEvents(
  db: Database,
  input: {
    filter: StripeEventFilter;
    type?: string | undefined;
    cursor?: { at: Date; id: string } | null | undefined;
    limit: number;
  },
) {
  const conditions: (SQL | undefined)[] = [];
  // Failed: its last attempt left an error and no attempt has succeeded since.
  if (input.filter === "failed")
    conditions.push(and(isNull(stripeEvent.processedAt), isNotNull(stripeEvent.lastError)));
  if (input.filter === "unprocessed") conditions.push(isNull(stripeEvent.processedAt));
  if (input.type) conditions.push(eq(stripeEvent.type, input.type));
  if (input.cursor)
    conditions.push(
      sql`(${stripeEvent.receivedAt}, ${stripeEvent.id}) < (${input.cursor.at.toISOString()}::timestamptz, ${input.cursor.id})`,
    );
  const rows = await db
    .select()
    .from(stripeEvent)
    .where(and(...conditions))
    .orderBy(desc(stripeEvent.receivedAt), desc(stripeEvent.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? { at: last.receivedAt, id: last.id } : null,
  };
}

export async function replayStripeEvent(
  db: Database,
  clock: Clock,
  actor: AuditActor,
  eventId: string,
) {
  return db.transaction(async (tx) => {
    const [event] = await tx
      .select({
        id: stripeEvent.id,
        type: stripeEvent.type,
        processedAt: stripeEvent.processedAt,
        attempts: stripeEvent.attempts,
      })
      .from(stripeEvent)
      .where(eq(stripeEvent.id, eventId))
      .for("update");
    if (!event) throw notFound("Event");
    await tx.update(stripeEvent).set({ processedAt: null }).where(eq(stripeEvent.id, event.id));
    const job: StripeEventJob = { eventId: event.id };
    await enqueueSystemJob(tx, clock, STRIPE_EVENT_TASK, job, {
      jobKey: stripeEventJobKey(event.id),
    });
    await recordAudit(tx, actor, {
      action: "stripe_event.replay",
      targetType: "stripe_event",
      targetId: event.id,
      details: {
        type: event.type,
        wasProcessedAt: event.processedAt?.toISOString() ?? null,
        attempts: event.attempts,
      },
    });
    return { id: event.id };
  });
}
