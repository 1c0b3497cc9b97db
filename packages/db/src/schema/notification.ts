// Notifications: what a member is told about (a lead assigned to them, later a reply, a mention),
// and how each member wants to be told, per kind. Both are member-owned: row-level security shows
// a member only their own rows; the notification jobs (system actor) write them for everyone.
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, text, unique, uuid } from "drizzle-orm/pg-core";
import { instant, memberOwnedTable, memberRef, updatedAt } from "./helpers.ts";

export const notification = memberOwnedTable(
  "notification",
  {
    /** A kind registered in packages/api/src/notifications, e.g. `lead.assigned`. */
    kind: text().notNull(),
    targetType: text().notNull(),
    targetId: uuid().notNull(),
    /** Who caused it; null for the system, and once that member has left. */
    actorMemberId: uuid(),
    /**
     * How many records a summary is about (e.g. 37 leads assigned in one bulk action, told once
     * instead of 37 times); null for a notification about its one target. A count, not names:
     * what the records are called is still read with the reader's rights.
     */
    itemCount: integer(),
    /**
     * What caused it, once per recipient: the fan-out job may run twice (at-least-once), the
     * notification exists once.
     */
    sourceKey: text().notNull(),
    readAt: instant(),
  },
  (t) => [
    memberRef(t, t.actorMemberId, "notification_actor_member_fk"),
    check("notification_item_count_check", sql`${t.itemCount} > 0`),
    unique("notification_organization_id_member_id_source_key_key").on(
      t.organizationId,
      t.memberId,
      t.sourceKey,
    ),
    // The member's list, newest first (keyset), and the unread count.
    index("notification_member_created_idx").on(t.organizationId, t.memberId, t.createdAt, t.id),
    index("notification_member_unread_idx")
      .on(t.organizationId, t.memberId)
      .where(sql`${t.readAt} is null`),
  ],
);

/** A member's choice for one kind; without a row the kind's defaults apply. */
export const notificationPreference = memberOwnedTable(
  "notification_preference",
  {
    kind: text().notNull(),
    inApp: boolean().notNull(),
    mail: boolean().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("notification_preference_organization_id_member_id_kind_key").on(
      t.organizationId,
      t.memberId,
      t.kind,
    ),
  ],
);

/**
 * A member's daily digest of their unread notifications: whether they want it (no row: the
 * default, yes), and the last day it went out, as a date in the member's own time zone. The
 * digest job sends a day's mail only while `lastSentOn` is an earlier day and records the day
 * after sending, so retries and a second tick of the hourly cron send it once.
 */
export const notificationDigest = memberOwnedTable(
  "notification_digest",
  {
    daily: boolean().notNull().default(true),
    lastSentOn: date({ mode: "string" }),
    /** When the last digest went out: the next one covers what came after it. */
    lastSentAt: instant(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("notification_digest_organization_id_member_id_key").on(t.organizationId, t.memberId),
  ],
);
