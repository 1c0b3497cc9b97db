// Event times and recurrence (issue 13 §1). Hosts plan in wall time ("18:00 every Tuesday in
// Europe/Paris"); rows hold instants. The conversion uses the runtime's zone data (Intl), and
// the recurrence is an RFC 5545 RRULE expanded by rrule-temporal (Temporal's zoned arithmetic,
// so 18:00 stays 18:00 across a daylight-saving change and the instant moves by an hour).
//
// Occurrences are materialized as event rows up to a horizon: EVENT_SERIES_HORIZON_MONTHS ahead,
// at most EVENT_SERIES_OCCURRENCES_MAX rows ahead of now. event_series.generated_until records
// how far rows exist; extendSeries (services/event.ts) writes the next ones from there, and runs
// whenever the series is read for its occurrences and from the daily horizon job.
import {
  EVENT_SERIES_HORIZON_MONTHS,
  EVENT_SERIES_OCCURRENCES_MAX,
  type EventRecurrenceFrequency,
} from "@guild/db/enums";
import { RRuleTemporal } from "rrule-temporal";
import { AppError } from "../errors.ts";
import { localStamp, offsetMinutes } from "../exports/ical.ts";
import type { RecurrenceInput, Weekday } from "../schemas/event.ts";
import { weekdays } from "../schemas/event.ts";

/** "2026-03-29T18:00": the wall time of an instant in a zone, as the event form shows it. */
export function toLocalDateTime(instant: Date, timeZone: string): string {
  const stamp = localStamp(instant, timeZone);
  return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}`;
}

/** "2026-03-29": the date of an instant in a zone (how occurrences of a series are paired). */
export const toLocalDate = (instant: Date, timeZone: string) =>
  toLocalDateTime(instant, timeZone).slice(0, 10);

/** The zone's offset from UTC at an instant, in milliseconds. */
const offsetAt = (instant: number, timeZone: string) =>
  offsetMinutes(new Date(instant), timeZone) * 60_000;

/**
 * The instant of a wall time in a zone. A time that does not exist (skipped by a spring-forward
 * change) moves forward by the gap, and a time that happens twice (fall back) is its earlier
 * instant: Temporal's "compatible" choice, which calendar apps make too.
 */
export function fromLocalDateTime(local: string, timeZone: string): Date {
  const [date = "", time = ""] = local.split("T");
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets just before and after the wall time bracket any change near it.
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant, timeZone) === wall - instant)
    .sort((a, b) => a - b);
  const earliest = candidates[0];
  if (earliest !== undefined) return new Date(earliest);
  // In a gap: the wall time read with the offset before the change.
  return new Date(wall - before);
}

function weekdayOf(local: string): Weekday {
  const day = new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return weekdays[(day + 6) % 7] ?? "MO";
}

/** The RRULE value (no DTSTART) for a recurrence starting at a wall time in a zone. */
export function buildRrule(recurrence: RecurrenceInput, startLocal: string, timeZone: string) {
  const parts = [`FREQ=${recurrence.frequency === "weekly" ? "WEEKLY" : "MONTHLY"}`];
  if (recurrence.interval > 1) parts.push(`INTERVAL=${recurrence.interval}`);
  if (recurrence.frequency === "weekly") {
    const days = new Set<Weekday>([...recurrence.weekdays, weekdayOf(startLocal)]);
    parts.push(`BYDAY=${weekdays.filter((day) => days.has(day)).join(",")}`);
  } else {
    const day = Number(startLocal.slice(8, 10));
    if (recurrence.monthlyBy === "day") parts.push(`BYMONTHDAY=${day}`);
    else {
      const nth = Math.ceil(day / 7);
      parts.push(`BYDAY=${nth === 5 ? -1 : nth}${weekdayOf(startLocal)}`);
    }
  }
  if (recurrence.count !== null) parts.push(`COUNT=${recurrence.count}`);
  if (recurrence.until !== null) {
    // The last day, to its end, in the event's zone, as UTC (RFC 5545 with a zoned DTSTART).
    const end = fromLocalDateTime(`${recurrence.until}T23:59`, timeZone);
    if (end.getTime() < fromLocalDateTime(startLocal, timeZone).getTime())
      throw new AppError("BAD_REQUEST", "The last date must be on or after the first", {
        field: "recurrence.until",
      });
    parts.push(
      `UNTIL=${end
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "")}`,
    );
  }
  return parts.join(";");
}

/**
 * The structured recurrence an RRULE of ours was built from (for the edit form), in the series'
 * time zone: UNTIL is the last day's end there, written in UTC, so west of UTC its UTC date is
 * the next day (the form showed the end a day late, and saving again moved it on).
 */
export function describeRrule(
  rrule: string,
  timeZone: string,
): Omit<RecurrenceInput, "frequency"> & { frequency: EventRecurrenceFrequency } {
  const fields = new Map(
    rrule.split(";").map((part) => part.split("=") as [string, string | undefined]),
  );
  const byDay = fields.get("BYDAY") ?? "";
  const until = fields.get("UNTIL");
  return {
    frequency: fields.get("FREQ") === "MONTHLY" ? "monthly" : "weekly",
    interval: Number(fields.get("INTERVAL") ?? 1),
    weekdays: fields.get("FREQ") === "WEEKLY" ? weekdays.filter((day) => byDay.includes(day)) : [],
    monthlyBy: fields.get("FREQ") === "MONTHLY" && byDay ? "weekday" : "day",
    count: fields.has("COUNT") ? Number(fields.get("COUNT")) : null,
    until: until ? toLocalDateTime(untilInstant(until), timeZone).slice(0, 10) : null,
  };
}

/** An RRULE's UNTIL (YYYYMMDDTHHMMSSZ, as buildRrule writes it) as an instant. */
function untilInstant(until: string): Date {
  return new Date(
    `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}T${until.slice(9, 11)}:${until.slice(11, 13)}:${until.slice(13, 15)}Z`,
  );
}

/** The end of the materialization window that starts at `now`. */
export function horizonFrom(now: Date): Date {
  const horizon = new Date(now);
  horizon.setUTCMonth(horizon.getUTCMonth() + EVENT_SERIES_HORIZON_MONTHS);
  return horizon;
}

/**
 * The starts of a series' occurrences after `after` (exclusive) up to `until` (inclusive), at
 * most `limit` of them, as instants.
 */
export function expandSeries(series: {
  rrule: string;
  startsAt: Date;
  timeZone: string;
  after: Date;
  until: Date;
  limit: number;
}): Date[] {
  if (series.limit <= 0 || series.until <= series.after) return [];
  const local = toLocalDateTime(series.startsAt, series.timeZone).replace(/[-:]/g, "");
  const rule = new RRuleTemporal({
    rruleString: `DTSTART;TZID=${series.timeZone}:${local}00\nRRULE:${series.rrule}`,
  });
  const starts: Date[] = [];
  // The DTSTART itself is the first occurrence even when the rule would not produce it.
  if (series.startsAt > series.after && series.startsAt <= series.until)
    starts.push(series.startsAt);
  for (const occurrence of rule.between(series.after, series.until, true)) {
    const instant = new Date(occurrence.epochMilliseconds);
    if (instant <= series.after || instant.getTime() === series.startsAt.getTime()) continue;
    starts.push(instant);
  }
  starts.sort((a, b) => a.getTime() - b.getTime());
  return starts.slice(0, Math.min(series.limit, EVENT_SERIES_OCCURRENCES_MAX));
}
