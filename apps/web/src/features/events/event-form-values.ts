// The event form's values (what the fields hold, as text) and the API input they make. Kept apart
// from the form so the mapping is tested without a browser.
import { addDays, dayKeyAt, wallTimeInputValue } from "../calendar/zoned-time.ts";
import type { WeekdayCode } from "./recurrence-words.ts";
import type { EventDetail } from "./use-events.ts";

export type Repeats = "none" | "weekly" | "monthly";
export type Ends = "never" | "count" | "until";

export interface EventFormValues {
  title: string;
  description: string;
  /** Wall times in `timeZone`, as <input type="datetime-local"> writes them. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string;
  onlineUrl: string;
  coverFileId: string | null;
  coverUrl: string | null;
  capacity: string;
  tags: string;
  hostMemberIds: string[];
  repeats: Repeats;
  interval: string;
  weekdays: WeekdayCode[];
  monthlyBy: "day" | "weekday";
  ends: Ends;
  count: string;
  until: string;
}

/** A new event: tomorrow 18:00–19:00 in the member's zone. */
export function newEventValues(timeZone: string, now = new Date()): EventFormValues {
  const tomorrow = addDays(dayKeyAt(now, timeZone), 1);
  return {
    title: "",
    description: "",
    startsAt: `${tomorrow}T18:00`,
    endsAt: `${tomorrow}T19:00`,
    timeZone,
    place: "",
    onlineUrl: "",
    coverFileId: null,
    coverUrl: null,
    capacity: "",
    tags: "",
    hostMemberIds: [],
    repeats: "none",
    interval: "1",
    weekdays: [],
    monthlyBy: "day",
    ends: "never",
    count: "",
    until: "",
  };
}

export type EditScope = "occurrence" | "series";

/**
 * The event's online link when the API shows it to this viewer (hosts and moderators always,
 * people going from shortly before the start: services/event-rsvp.ts); null otherwise.
 */
export function onlineUrlOf(event: EventDetail): string | null {
  return event.onlineUrl;
}

/**
 * An event's values for editing: its own times for one occurrence (or a one-off event), the
 * series' first start and rule for the whole series.
 */
export function editEventValues(event: EventDetail, scope: EditScope): EventFormValues {
  const series = scope === "series" ? event.series : null;
  const recurrence = series?.recurrence;
  return {
    title: event.title,
    description: event.description,
    startsAt: series ? series.local.startsAt : event.local.startsAt,
    endsAt: series ? series.local.endsAt : event.local.endsAt,
    timeZone: event.timeZone,
    place: event.place ?? "",
    onlineUrl: onlineUrlOf(event) ?? "",
    coverFileId: event.coverFileId,
    coverUrl: event.coverUrl,
    capacity: event.capacity === null ? "" : String(event.capacity),
    tags: event.tags.join(", "),
    hostMemberIds: event.hosts.map((h) => h.memberId),
    repeats: recurrence ? recurrence.frequency : "none",
    interval: String(recurrence?.interval ?? 1),
    weekdays: [...(recurrence?.weekdays ?? [])],
    monthlyBy: recurrence?.monthlyBy ?? "day",
    ends: recurrence?.count != null ? "count" : recurrence?.until ? "until" : "never",
    count: recurrence?.count != null ? String(recurrence.count) : "",
    until: recurrence?.until ?? "",
  };
}

/** "Workshop, Beginners  #js" → ["workshop", "beginners", "js"] (the API checks each). */
export function tagsOf(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
}

/** A typed whole number, or the text itself for the API's check to name ("abc" → NaN). */
function numberOf(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text.trim());
}

/** The fields as the create and update procedures take them (checked by their zod schemas). */
export function eventInputOf(values: EventFormValues) {
  return {
    title: values.title,
    description: values.description,
    startsAt: values.startsAt,
    endsAt: values.endsAt,
    timeZone: values.timeZone,
    place: values.place,
    onlineUrl: values.onlineUrl,
    coverFileId: values.coverFileId,
    capacity: values.capacity.trim() === "" ? null : numberOf(values.capacity),
    tags: tagsOf(values.tags),
    hostMemberIds: values.hostMemberIds,
    recurrence:
      values.repeats === "none"
        ? null
        : {
            frequency: values.repeats,
            interval: numberOf(values.interval),
            weekdays: values.repeats === "weekly" ? values.weekdays : [],
            monthlyBy: values.monthlyBy,
            count: values.ends === "count" ? numberOf(values.count) : null,
            until: values.ends === "until" ? values.until : null,
          },
  };
}

/** Moving the start keeps the event's length: the end moves with it. */
export function withStart(values: EventFormValues, startsAt: string): EventFormValues {
  const before = Date.parse(`${values.startsAt}:00Z`);
  const end = Date.parse(`${values.endsAt}:00Z`);
  const after = Date.parse(`${startsAt}:00Z`);
  if (Number.isNaN(before) || Number.isNaN(end) || Number.isNaN(after) || end <= before)
    return { ...values, startsAt };
  const moved = new Date(after + (end - before));
  return {
    ...values,
    startsAt,
    endsAt: wallTimeInputValue({
      year: moved.getUTCFullYear(),
      month: moved.getUTCMonth() + 1,
      day: moved.getUTCDate(),
      hour: moved.getUTCHours(),
      minute: moved.getUTCMinutes(),
    }),
  };
}
