// Stripe's webhook events as they arrived (issue 10 §2): a global log, not a tenant table, since
// an event is received before anyone knows which organization it concerns (a platform event names
// a customer, a Connect event a connected account), and one event id is one row whatever
// organization it turns out to be for. The receiving endpoint inserts the row and enqueues its
// processing job in one transaction (packages/api/src/webhooks/stripe.ts): the primary key on
// Stripe's event id is what makes a redelivered event change nothing. Only the app's own role
// reads it (global tables get no grants for guild_tenant); the admin console's event log and its
// replay button read processed_at, attempts and last_error.
import { boolean, index, integer, jsonb, text } from "drizzle-orm/pg-core";
import { globalTable, instant } from "./helpers.ts";

/**
 * The envelope of a Stripe event as stored (what the endpoint verified); each handler parses its
 * own `data.object` (a customer, a subscription, an invoice…) with its own schema.
 */
export interface StripeEventPayload {
  id: string;
  type: string;
  account?: string | undefined;
  livemode: boolean;
  created: number;
  data: { object: object; previous_attributes?: object | undefined };
}

export const stripeEvent = globalTable(
  "stripe_event",
  {
    /** Stripe's event id (evt_…). */
    id: text().primaryKey(),
    type: text().notNull(),
    /** The connected account (acct_…) of a Connect event; null for the platform's own. */
    account: text(),
    livemode: boolean().notNull(),
    /** The event as Stripe sent it. */
    payload: jsonb().$type<StripeEventPayload>().notNull(),
    receivedAt: instant().notNull().defaultNow(),
    /** When its processing job finished it; null while it waits or keeps failing. */
    processedAt: instant(),
    /** Processing attempts so far (the job's, counted by the job itself). */
    attempts: integer().notNull().default(0),
    /** The last attempt's error, cleared when one succeeds. */
    lastError: text(),
  },
  (t) => [index("stripe_event_received_at_idx").on(t.receivedAt)],
);
