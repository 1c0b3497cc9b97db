// db:check, Stripe's webhook event log (schema/stripe-event.ts): every event received is
// processed by its job within seconds. One still waiting after an hour means its job is gone or
// no runner runs; one whose last attempt failed is retrying with backoff or has given up, and
// whatever it was to change (a plan, an order, a grant) has not happened.
import { sql } from "drizzle-orm";
import type { CheckDomain } from "./registry.ts";

const STUCK_AFTER_MS = 3_600_000;

export const stripeEventChecks: CheckDomain = {
  name: "stripe events",
  async globalCounts(db) {
    const [row] = await db.execute<{
      received: number;
      processed: number;
      waiting: number;
      failing: number;
    }>(sql`
      select count(*)::int as received,
             count(*) filter (where processed_at is not null)::int as processed,
             count(*) filter (where processed_at is null and last_error is null)::int as waiting,
             count(*) filter (where processed_at is null and last_error is not null)::int as failing
      from stripe_event`);
    if (!row) throw new Error("stripe_event counts returned nothing");
    return row;
  },
  globalChecks: [
    {
      name: "stripe-event.stuck",
      rule: "no event waits unprocessed for more than an hour",
      async run(db, now) {
        const before = new Date(now.getTime() - STUCK_AFTER_MS).toISOString();
        const rows = await db.execute<{ id: string; type: string; received_at: string }>(sql`
          select id, type, received_at::text from stripe_event
          where processed_at is null and last_error is null and received_at < ${before}::timestamptz
          order by received_at`);
        return rows.map((r) => ({
          subject: `event ${r.id} (${r.type})`,
          detail: `received at ${r.received_at}, never processed (no attempt failed: is its job gone?)`,
        }));
      },
    },
    {
      name: "stripe-event.failing",
      rule: "no event's processing is failing",
      async run(db) {
        const rows = await db.execute<{
          id: string;
          type: string;
          attempts: number;
          last_error: string;
        }>(sql`
          select id, type, attempts, last_error from stripe_event
          where processed_at is null and last_error is not null
          order by received_at`);
        return rows.map((r) => ({
          subject: `event ${r.id} (${r.type})`,
          detail: `${r.attempts} attempt${r.attempts === 1 ? "" : "s"}, last error: ${r.last_error}`,
        }));
      },
    },
  ],
};
