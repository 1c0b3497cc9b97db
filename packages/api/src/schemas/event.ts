// Events (issue 13 §1): the inputs of the event procedures, shared with the web's event form.
//
// Times are entered as wall times in the event's own time zone ("2026-03-29T18:00" in
// Europe/Paris), the way a host plans them and the way a recurrence repeats them (18:00 every
// Tuesday, whatever daylight saving does); the server turns them into instants
// (services/event-recurrence.ts). Outputs carry instants (Dates) and the zone.
import {
  EVENT_CAPACITY_MAX,
  EVENT_DESCRIPTION_MAX,
  EVENT_DURATION_MAX_HOURS,
  EVENT_HOSTS_MAX,
  EVENT_MIN_LEVEL_MAX,
  EVENT_PLACE_MAX,
  EVENT_SERIES_OCCURRENCES_MAX,
  EVENT_TAG_MAX,
  EVENT_TAGS_MAX,
  EVENT_TITLE_MAX,
  EVENT_URL_MAX,
  eventRecurrenceFrequencies,
  eventSessionTypes,
  eventStatuses,
} from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text, timestamp, webAddress } from "./common.ts";
import { uploadFields } from "./file.ts";
import { tagSchema } from "./post.ts";

export {
  EVENT_CAPACITY_MAX,
  EVENT_DESCRIPTION_MAX,
  EVENT_DURATION_MAX_HOURS,
  EVENT_HOSTS_MAX,
  EVENT_PLACE_MAX,
  EVENT_SERIES_OCCURRENCES_MAX,
  EVENT_TAGS_MAX,
  EVENT_TITLE_MAX,
  eventRecurrenceFrequencies,
  eventSessionTypes,
  eventStatuses,
};

/** A wall time as a `datetime-local` input gives it: "2026-03-29T18:00". */
export const LOCAL_DATE_TIME_PATTERN =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/;
const localDateTime = (what: string) =>
  z.string(`Choose the ${what}`).regex(LOCAL_DATE_TIME_PATTERN, `Choose the ${what}`);

/** Whether the runtime knows this IANA time zone (both the server and browsers use Intl). */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string("Choose a time zone")
  .max(64, "Choose a time zone")
  .refine(isTimeZone, "Choose a time zone");

const tag = tagSchema(EVENT_TAG_MAX);

/** An empty field is no value. */
const optional = <T extends z.ZodType<string | null>>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    schema,
  );

/** Weekdays as RFC 5545 writes them, Monday first. */
export const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof weekdays)[number];

/**
 * Weekly: every `interval` weeks on `weekdays` (default: the start's weekday). Monthly: every
 * `interval` months on the start's day of the month ("the 15th"), or on its weekday of the month
 * ("the 3rd Tuesday", "the last Friday"). It ends after `count` occurrences, on `until` (a date in
 * the event's zone), or never (then occurrences are written up to the horizon and the horizon
 * job writes more as time passes).
 */
export const recurrenceSchema = z
  .object({
    frequency: z.enum(eventRecurrenceFrequencies, "Choose weekly or monthly"),
    interval: z
      .number("Choose how often")
      .int("Choose how often")
      .min(1, "Choose how often")
      .max(12, "At most every 12 weeks or months"),
    weekdays: z.array(z.enum(weekdays, "Choose the days")).max(7).default([]),
    monthlyBy: z.enum(["day", "weekday"]).default("day"),
    count: z
      .number()
      .int("Choose a whole number of occurrences")
      .min(2, "A series has at least 2 occurrences")
      .max(EVENT_SERIES_OCCURRENCES_MAX, `At most ${EVENT_SERIES_OCCURRENCES_MAX} occurrences`)
      .nullable()
      .default(null),
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Choose the last date")
      .nullable()
      .default(null),
  })
  .superRefine((value, ctx) => {
    if (value.count !== null && value.until !== null)
      ctx.addIssue({
        code: "custom",
        path: ["until"],
        message: "End after a number of occurrences or on a date, not both",
      });
  });
export type RecurrenceInput = z.output<typeof recurrenceSchema>;

const eventFieldShape = {
  title: text()
    .trim()
    .min(1, "Give the event a title")
    .max(EVENT_TITLE_MAX, `A title is at most ${EVENT_TITLE_MAX} characters`),
  description: text()
    .max(EVENT_DESCRIPTION_MAX, `At most ${EVENT_DESCRIPTION_MAX} characters`)
    .default(""),
  startsAt: localDateTime("start"),
  endsAt: localDateTime("end"),
  timeZone: timeZoneSchema,
  onlineUrl: optional(webAddress(EVENT_URL_MAX, "Enter the event's link").nullable()).default(null),
  place: optional(
    text()
      .trim()
      .max(EVENT_PLACE_MAX, `A place is at most ${EVENT_PLACE_MAX} characters`)
      .nullable(),
  ).default(null),
  coverFileId: idSchema.nullable().default(null),
  capacity: z
    .number("Enter a number of seats")
    .int("Enter a whole number of seats")
    .min(1, "At least 1 seat (or leave it empty for no limit)")
    .max(EVENT_CAPACITY_MAX, `At most ${EVENT_CAPACITY_MAX} seats`)
    .nullable()
    .default(null),
  tags: z
    .array(tag)
    .max(EVENT_TAGS_MAX, `At most ${EVENT_TAGS_MAX} tags`)
    .default([])
    .transform((tags) => [...new Set(tags)]),
  /** Hosts besides the creator (members of the organization who see the space). */
  hostMemberIds: z
    .array(idSchema)
    .max(EVENT_HOSTS_MAX, `At most ${EVENT_HOSTS_MAX} hosts`)
    .default([])
    .transform((ids) => [...new Set(ids)]),
  courseId: idSchema.nullable().default(null),
  lessonId: idSchema.nullable().default(null),
  sessionType: z.enum(eventSessionTypes, "Choose a session type").nullable().default(null),
  minLevel: z
    .number()
    .int("Choose a level")
    .min(1, "Levels start at 1")
    .max(EVENT_MIN_LEVEL_MAX, `At most level ${EVENT_MIN_LEVEL_MAX}`)
    .nullable()
    .default(null),
};

/** Minutes between two wall times of the same zone, daylight saving aside (the form's check). */
export function wallMinutes(from: string, to: string): number {
  return (Date.parse(`${to}:00Z`) - Date.parse(`${from}:00Z`)) / 60_000;
}

function timesRule(value: { startsAt: string; endsAt: string }, ctx: z.RefinementCtx) {
  const minutes = wallMinutes(value.startsAt, value.endsAt);
  if (!(minutes > 0))
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start" });
  else if (minutes > EVENT_DURATION_MAX_HOURS * 60)
    ctx.addIssue({
      code: "custom",
      path: ["endsAt"],
      message: `An event lasts at most ${EVENT_DURATION_MAX_HOURS / 24} days`,
    });
}

export const eventFieldsSchema = z.object(eventFieldShape).superRefine(timesRule);
export type EventFields = z.output<typeof eventFieldsSchema>;

export const createEventInput = z
  .object({
    spaceId: idSchema,
    ...eventFieldShape,
    recurrence: recurrenceSchema.nullable().default(null),
  })
  .superRefine(timesRule);

/**
 * Edits one occurrence (`scope: "occurrence"`, or a one-off event): it is detached from its series
 * and a series edit leaves it alone since. Or the whole series (`scope: "series"`, the series'
 * first start and its rule): every occurrence that has not started and was not edited on its own
 * is rewritten; those on the same local date keep their RSVPs.
 */
export const updateEventInput = z
  .object({
    id: idSchema,
    scope: z.enum(["occurrence", "series"]).default("occurrence"),
    ...eventFieldShape,
    recurrence: recurrenceSchema.nullable().default(null),
  })
  .superRefine(timesRule)
  .superRefine((value, ctx) => {
    if (value.scope === "series" && !value.recurrence)
      ctx.addIssue({
        code: "custom",
        path: ["recurrence"],
        message: "Choose how the series repeats",
      });
  });

export const eventIdInput = z.object({ id: idSchema });

export const cancelEventInput = z.object({
  id: idSchema,
  /** This occurrence only, or it and every later occurrence of its series. */
  scope: z.enum(["occurrence", "series"]).default("occurrence"),
});

export const removeEventInput = cancelEventInput;

/** A page cursor: the last event's start and id. */
export const eventCursor = z.object({ startsAt: timestamp(), id: idSchema });

export const EVENT_PAGE_MAX = 50;
const limit = z.number().int().min(1).max(EVENT_PAGE_MAX).default(20);

/** Upcoming (not ended) events of a space, soonest first; `past` for ended ones, latest first. */
export const spaceEventsInput = z.object({
  spaceId: idSchema,
  when: z.enum(["upcoming", "past"]).default("upcoming"),
  tag: tag.nullable().default(null),
  cursor: eventCursor.nullish(),
  limit,
});

/** The tags of a space's upcoming (or past) events, for its tag filter. */
export const spaceEventTagsInput = z.object({
  spaceId: idSchema,
  when: z.enum(["upcoming", "past"]).default("upcoming"),
});

/** The most tags the filter offers (far beyond what a space uses: a bound, not a page). */
export const EVENT_SPACE_TAGS_MAX = 200;

/** The organization's upcoming events in every space the caller sees. */
export const organizationEventsInput = z.object({
  tag: tag.nullable().default(null),
  cursor: eventCursor.nullish(),
  limit,
});

/** The longest range a calendar asks for: a month view with its leading and trailing weeks. */
export const CALENDAR_RANGE_MAX_DAYS = 62;

export const calendarRangeInput = z
  .object({
    from: timestamp(),
    to: timestamp(),
    /** Only this space's events (the space's calendar), else every space the caller sees. */
    spaceId: idSchema.nullable().default(null),
  })
  .superRefine((value, ctx) => {
    const days = (value.to.getTime() - value.from.getTime()) / 86_400_000;
    if (!(days > 0))
      ctx.addIssue({ code: "custom", path: ["to"], message: "The range must end after it starts" });
    else if (days > CALENDAR_RANGE_MAX_DAYS)
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `A calendar shows at most ${CALENDAR_RANGE_MAX_DAYS} days`,
      });
  });

/** A cover image for an event in `spaceId` (the event form's upload, before the event exists). */
export const eventCoverUploadInput = uploadFields("event_cover").extend({ spaceId: idSchema });
