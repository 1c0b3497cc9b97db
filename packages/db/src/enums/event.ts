// Events and live sessions (issue 13): the value lists and limits the database's CHECKs, the
// API's zod schemas and the web's forms share.

/**
 * Stored status: `scheduled` until a host cancels it (`cancelled`); `live` and `ended` are what a
 * reader sees from the clock (starts_at ≤ now < ends_at, then ends_at ≤ now), or set by a host who
 * starts or ends a live session early. services/event.ts derives the shown status.
 */
export const eventStatuses = ["scheduled", "live", "ended", "cancelled"] as const;
export type EventStatus = (typeof eventStatuses)[number];

/** Only `going` holds a seat; `waitlisted` waits for one in arrival order. */
export const eventRsvpStatuses = ["going", "maybe", "not_going", "waitlisted"] as const;
export type EventRsvpStatus = (typeof eventRsvpStatuses)[number];

/** After a live session: joined at least once, or was going and never joined. */
export const eventAttendances = ["attended", "missed"] as const;
export type EventAttendance = (typeof eventAttendances)[number];

/** Seed 004's live-session types. */
export const eventSessionTypes = ["workshop", "qa", "office_hours", "presentation"] as const;
export type EventSessionType = (typeof eventSessionTypes)[number];

/** Recurrence Guild offers (an RRULE with FREQ=WEEKLY or FREQ=MONTHLY). */
export const eventRecurrenceFrequencies = ["weekly", "monthly"] as const;
export type EventRecurrenceFrequency = (typeof eventRecurrenceFrequencies)[number];

export const EVENT_TITLE_MAX = 120;
export const EVENT_DESCRIPTION_MAX = 20_000;
export const EVENT_PLACE_MAX = 300;
export const EVENT_URL_MAX = 2000;
/** Lowercase dash-joined words, like post tags. */
export const EVENT_TAGS_MAX = 10;
export const EVENT_TAG_MAX = 32;
export const EVENT_CAPACITY_MAX = 100_000;
/**
 * The longest an event may last. Lists of upcoming events read the starts_at index from
 * `now - EVENT_DURATION_MAX_HOURS`, so an event still running is found without an ends_at index.
 */
export const EVENT_DURATION_MAX_HOURS = 7 * 24;
export const EVENT_HOSTS_MAX = 10;
export const EVENT_RRULE_MAX = 500;
export const EVENT_FEEDBACK_COMMENT_MAX = 2000;
/** A live session's minimum level to join (learning's levels, 1 and up). */
export const EVENT_MIN_LEVEL_MAX = 100;
/**
 * Recurrence is materialized as event rows up to this far ahead (or this many occurrences); a job
 * extends the horizon as time passes (event_series.generated_until).
 */
export const EVENT_SERIES_HORIZON_MONTHS = 12;
export const EVENT_SERIES_OCCURRENCES_MAX = 100;
