// Events and live sessions (issue 13). Every table but calendar_feed is space-scoped
// (schema/space.ts): the events space's visibility rule (guild_visible_space_ids) hides a private
// or paid space's events, hosts and RSVPs from whoever does not see the space, on reads and on
// writes, whatever a query forgets.
//
// - event_series: a weekly or monthly recurrence: its RRULE, time zone and the template its
//   occurrences are written from.
// - event: one row per occurrence (a one-off event has no series). Recurrence is materialized:
//   the series' occurrences up to a horizon are rows, so lists, calendars, RSVPs, reminders and
//   attendance treat every occurrence alike. An occurrence edited on its own is `detached`:
//   rewriting the series leaves it alone. going_count is kept under the event row's lock
//   (`for update`) by every RSVP transaction, and a CHECK keeps it within capacity: no seat is
//   ever given twice. last_arrival numbers RSVPs in the order they took that lock.
// - event_host: who hosts an event besides (usually including) its creator.
// - event_rsvp: a member's answer, waitlist position, attendance and feedback.
// - calendar_feed: a member's private calendar URL, by the hash of its token (revocable).
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import {
  EVENT_CAPACITY_MAX,
  EVENT_DESCRIPTION_MAX,
  EVENT_DURATION_MAX_HOURS,
  EVENT_FEEDBACK_COMMENT_MAX,
  EVENT_MIN_LEVEL_MAX,
  EVENT_PLACE_MAX,
  EVENT_RRULE_MAX,
  EVENT_TAGS_MAX,
  EVENT_TITLE_MAX,
  EVENT_URL_MAX,
  eventAttendances,
  eventRecurrenceFrequencies,
  eventRsvpStatuses,
  eventSessionTypes,
  eventStatuses,
} from "../enums/event.ts";
import { course, lesson } from "./course.ts";
import { file } from "./file.ts";
import { instant, memberOwnedTable, memberRef, tenantRef, textEnum, updatedAt } from "./helpers.ts";
import { member } from "./organization.ts";
import { spaceScopedTable } from "./space.ts";

const n = (value: number) => sql.raw(String(value));
const titleCheck = (column: unknown) =>
  sql`char_length(btrim(${column})) between 1 and ${n(EVENT_TITLE_MAX)}`;
const optionalLength = (column: unknown, max: number) =>
  sql`${column} is null or char_length(${column}) <= ${n(max)}`;

/**
 * The columns an occurrence copies from its series' template (and a one-off event has itself):
 * what a series edit rewrites in the occurrences that were not edited on their own.
 */
const eventTemplate = () => ({
  title: text().notNull(),
  /** Markdown source, rendered by the web's sanitizing renderer. */
  description: text().notNull().default(""),
  /** IANA zone the event is planned in (its recurrence and its shown wall time). */
  timeZone: text().notNull(),
  /** Shown only to people going, from shortly before the start (services/event-rsvp.ts). */
  onlineUrl: text(),
  place: text(),
  /** A file with purpose event_cover in the event's space; null once deleted. */
  coverFileId: uuid(),
  /** Seats; null: unlimited. */
  capacity: integer(),
  /** Lowercase dash-joined words, at most EVENT_TAGS_MAX. */
  tags: text().array().notNull().default(sql`'{}'::text[]`),
  /** A live session (seed 004): the course or lesson it belongs to. */
  courseId: uuid(),
  lessonId: uuid(),
  sessionType: textEnum(eventSessionTypes),
  /** The level (learning's XP levels) a member needs to join; null: anyone who sees it. */
  minLevel: integer(),
  /** Null once its creator left the organization. */
  createdByMemberId: uuid(),
});

export const eventSeries = spaceScopedTable(
  "event_series",
  {
    ...eventTemplate(),
    frequency: textEnum(eventRecurrenceFrequencies).notNull(),
    /** RFC 5545 RRULE (no DTSTART line), FREQ=WEEKLY or FREQ=MONTHLY, read in time_zone. */
    rrule: text().notNull(),
    /** The first occurrence's start (DTSTART, taken in time_zone as a wall time). */
    startsAt: instant().notNull(),
    durationMinutes: integer().notNull(),
    /** Occurrences up to here are rows; the horizon job writes the next ones as time passes. */
    generatedUntil: instant().notNull(),
    cancelledAt: instant(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Occurrences point at (organization, space, series).
    unique("event_series_org_space_id_unique").on(t.organizationId, t.spaceId, t.id),
    check("event_series_title_check", titleCheck(t.title)),
    check(
      "event_series_description_check",
      sql`char_length(${t.description}) <= ${n(EVENT_DESCRIPTION_MAX)}`,
    ),
    check(
      "event_series_rrule_check",
      sql`char_length(${t.rrule}) between 1 and ${n(EVENT_RRULE_MAX)}`,
    ),
    check(
      "event_series_duration_check",
      sql`${t.durationMinutes} between 1 and ${n(EVENT_DURATION_MAX_HOURS * 60)}`,
    ),
    check(
      "event_series_capacity_check",
      sql`${t.capacity} is null or ${t.capacity} between 1 and ${n(EVENT_CAPACITY_MAX)}`,
    ),
    check("event_series_tags_check", sql`cardinality(${t.tags}) <= ${n(EVENT_TAGS_MAX)}`),
    check(
      "event_series_min_level_check",
      sql`${t.minLevel} is null or ${t.minLevel} between 1 and ${n(EVENT_MIN_LEVEL_MAX)}`,
    ),
    memberRef(t, t.createdByMemberId, "event_series_created_by_member_fk"),
    tenantRef(t, t.coverFileId, () => file, {
      onDelete: "set null",
      name: "event_series_cover_file_fk",
    }),
    tenantRef(t, t.courseId, () => course, {
      onDelete: "set null",
      name: "event_series_course_fk",
    }),
    tenantRef(t, t.lessonId, () => lesson, {
      onDelete: "set null",
      name: "event_series_lesson_fk",
    }),
    // The horizon job: series whose rows end soon.
    index("event_series_org_generated_until_idx")
      .on(t.organizationId, t.generatedUntil)
      .where(sql`${t.cancelledAt} is null`),
  ],
);

export const event = spaceScopedTable(
  "event",
  {
    ...eventTemplate(),
    seriesId: uuid(),
    /** The occurrence's start as its series' rule computed it (RFC 5545 RECURRENCE-ID). */
    originalStart: instant(),
    /** Edited (or cancelled) on its own: a series edit leaves it as it is. */
    detached: boolean().notNull().default(false),
    startsAt: instant().notNull(),
    endsAt: instant().notNull(),
    status: textEnum(eventStatuses).notNull().default("scheduled"),
    /** Members going (holding a seat): kept under this row's lock by every RSVP transaction. */
    goingCount: integer().notNull().default(0),
    /** The last RSVP arrival number handed out (under this row's lock): waitlist order. */
    lastArrival: bigint({ mode: "number" }).notNull().default(0),
    /** Added by a host after a live session ends. */
    recordingUrl: text(),
    cancelledAt: instant(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Hosts and RSVPs point at (organization, space, event).
    unique("event_org_space_id_unique").on(t.organizationId, t.spaceId, t.id),
    // One row per occurrence of a series.
    unique("event_org_series_original_start_unique").on(
      t.organizationId,
      t.seriesId,
      t.originalStart,
    ),
    foreignKey({
      name: "event_series_fk",
      columns: [t.organizationId, t.spaceId, t.seriesId],
      foreignColumns: [eventSeries.organizationId, eventSeries.spaceId, eventSeries.id],
    }).onDelete("cascade"),
    check("event_occurrence_check", sql`(${t.seriesId} is null) = (${t.originalStart} is null)`),
    check("event_title_check", titleCheck(t.title)),
    check(
      "event_description_check",
      sql`char_length(${t.description}) <= ${n(EVENT_DESCRIPTION_MAX)}`,
    ),
    check(
      "event_time_check",
      sql`${t.endsAt} > ${t.startsAt} and ${t.endsAt} <= ${t.startsAt} + interval '${n(EVENT_DURATION_MAX_HOURS)} hours'`,
    ),
    check(
      "event_capacity_check",
      sql`${t.capacity} is null or ${t.capacity} between 1 and ${n(EVENT_CAPACITY_MAX)}`,
    ),
    // The seat guarantee's net: a count past capacity cannot be committed.
    check(
      "event_going_count_check",
      sql`${t.goingCount} >= 0 and (${t.capacity} is null or ${t.goingCount} <= ${t.capacity})`,
    ),
    check("event_last_arrival_check", sql`${t.lastArrival} >= 0`),
    check("event_tags_check", sql`cardinality(${t.tags}) <= ${n(EVENT_TAGS_MAX)}`),
    check(
      "event_min_level_check",
      sql`${t.minLevel} is null or ${t.minLevel} between 1 and ${n(EVENT_MIN_LEVEL_MAX)}`,
    ),
    check("event_online_url_check", optionalLength(t.onlineUrl, EVENT_URL_MAX)),
    check("event_recording_url_check", optionalLength(t.recordingUrl, EVENT_URL_MAX)),
    check("event_place_check", optionalLength(t.place, EVENT_PLACE_MAX)),
    check(
      "event_cancelled_check",
      sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`,
    ),
    memberRef(t, t.createdByMemberId, "event_created_by_member_fk"),
    tenantRef(t, t.coverFileId, () => file, { onDelete: "set null", name: "event_cover_file_fk" }),
    tenantRef(t, t.courseId, () => course, { onDelete: "set null", name: "event_course_fk" }),
    tenantRef(t, t.lessonId, () => lesson, { onDelete: "set null", name: "event_lesson_fk" }),
    // Upcoming events of a space, in start order (keyset on starts_at, id).
    index("event_org_space_starts_idx").on(t.organizationId, t.spaceId, t.startsAt, t.id),
    // The organization's upcoming events and a calendar month (a starts_at range).
    index("event_org_starts_idx").on(t.organizationId, t.startsAt, t.id),
    // A series' occurrences (series edits, the horizon job).
    index("event_org_series_starts_idx")
      .on(t.organizationId, t.seriesId, t.startsAt)
      .where(sql`${t.seriesId} is not null`),
    // A course's live sessions.
    index("event_org_course_starts_idx")
      .on(t.organizationId, t.courseId, t.startsAt)
      .where(sql`${t.courseId} is not null`),
  ],
);

/** A host of an event: edits it, sees its guest list and attendance. */
export const eventHost = spaceScopedTable(
  "event_host",
  { eventId: uuid().notNull(), memberId: uuid().notNull() },
  (t) => [
    unique("event_host_org_event_member_unique").on(t.organizationId, t.eventId, t.memberId),
    foreignKey({
      name: "event_host_event_fk",
      columns: [t.organizationId, t.spaceId, t.eventId],
      foreignColumns: [event.organizationId, event.spaceId, event.id],
    }).onDelete("cascade"),
    tenantRef(t, t.memberId, () => member, { onDelete: "cascade", name: "event_host_member_fk" }),
    // A member's hosted events (host statistics).
    index("event_host_org_member_idx").on(t.organizationId, t.memberId),
  ],
);

export const eventRsvp = spaceScopedTable(
  "event_rsvp",
  {
    eventId: uuid().notNull(),
    memberId: uuid().notNull(),
    status: textEnum(eventRsvpStatuses).notNull(),
    /** The event's last_arrival when this answer took the event's lock: the waitlist's order. */
    arrival: bigint({ mode: "number" }).notNull(),
    respondedAt: instant().notNull().defaultNow(),
    waitlistedAt: instant(),
    /** Moved from the waitlist to going (once; the promotion notification's key). */
    promotedAt: instant(),
    /** First join (the join button or the session page) and last leave. */
    joinedAt: instant(),
    leftAt: instant(),
    attendance: textEnum(eventAttendances),
    feedbackRating: integer(),
    feedbackComment: text(),
    feedbackAt: instant(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("event_rsvp_org_event_member_unique").on(t.organizationId, t.eventId, t.memberId),
    foreignKey({
      name: "event_rsvp_event_fk",
      columns: [t.organizationId, t.spaceId, t.eventId],
      foreignColumns: [event.organizationId, event.spaceId, event.id],
    }).onDelete("cascade"),
    tenantRef(t, t.memberId, () => member, { onDelete: "cascade", name: "event_rsvp_member_fk" }),
    check("event_rsvp_arrival_check", sql`${t.arrival} >= 1`),
    check(
      "event_rsvp_feedback_rating_check",
      sql`${t.feedbackRating} is null or ${t.feedbackRating} between 1 and 5`,
    ),
    check(
      "event_rsvp_feedback_check",
      sql`(${t.feedbackRating} is null) = (${t.feedbackAt} is null) and (${t.feedbackComment} is null or (${t.feedbackRating} is not null and char_length(${t.feedbackComment}) <= ${n(EVENT_FEEDBACK_COMMENT_MAX)}))`,
    ),
    check(
      "event_rsvp_left_check",
      sql`${t.leftAt} is null or (${t.joinedAt} is not null and ${t.leftAt} >= ${t.joinedAt})`,
    ),
    // An event's guests by answer, in arrival order (the seat count, the waitlist's head).
    index("event_rsvp_org_event_status_arrival_idx").on(
      t.organizationId,
      t.eventId,
      t.status,
      t.arrival,
    ),
    // A member's answers (their calendar, reminders).
    index("event_rsvp_org_member_idx").on(t.organizationId, t.memberId, t.status),
  ],
);

/**
 * A member's private calendar feed (GET /api/calendar/<token>.ics): only the SHA-256 of the token
 * is kept. The URL carries no organization, so the token is looked up by its hash across
 * organizations (calendar_feed_token_hash_idx) by a SECURITY DEFINER function, then read in that
 * organization's tenant transaction. Revoked feeds stay (revoked_at) so an old URL says "revoked".
 */
export const calendarFeed = memberOwnedTable(
  "calendar_feed",
  {
    tokenHash: text().notNull(),
    revokedAt: instant(),
  },
  (t) => [
    unique("calendar_feed_org_token_hash_unique").on(t.organizationId, t.tokenHash),
    check("calendar_feed_token_hash_check", sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    index("calendar_feed_token_hash_idx").on(t.tokenHash),
    index("calendar_feed_org_member_idx").on(t.organizationId, t.memberId),
  ],
);
