// The organization's event log (realtime): one row per change a live screen may care about,
// written in the same transaction as the change, read back by every open event stream of the
// organization from its own position (packages/api/src/realtime). Rows carry ids and a kind, never
// the changed data: a reader re-reads what it is allowed to see.
import { bigint, index, text, unique, uuid } from "drizzle-orm/pg-core";
import { tenantTable } from "./helpers.ts";

/**
 * One row per organization: the last event id handed out, and how far old events were pruned.
 * Taking the next id is an update of this row, so the writers of one organization commit in id
 * order (the row stays locked until commit): a reader that has seen id N can never later find a
 * lower id committed (a sequence would allow that and lose events on resume).
 */
export const organizationEventCounter = tenantTable(
  "organization_event_counter",
  {
    lastEventId: bigint({ mode: "number" }).notNull().default(0),
    /** Every event up to this id has been pruned: a reader resuming from before it resyncs. */
    prunedThrough: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [unique("organization_event_counter_organization_id_key").on(t.organizationId)],
);

export const orgEvent = tenantTable(
  "org_event",
  {
    /** The event's id within its organization (1, 2, 3, …): what `lastEventId` resumes from. */
    seq: bigint({ mode: "number" }).notNull(),
    /** e.g. `lead.updated`: the target's type, then what happened. */
    kind: text().notNull(),
    targetType: text().notNull(),
    targetId: uuid().notNull(),
    /** The member who caused it (null for the system); no foreign key: events outlive nothing. */
    actorMemberId: uuid(),
    /** Only this member's streams receive it (a notification); null: every member who may. */
    audienceMemberId: uuid(),
  },
  (t) => [
    unique("org_event_organization_id_seq_key").on(t.organizationId, t.seq),
    index("org_event_org_created_idx").on(t.organizationId, t.createdAt),
  ],
);
