// How an event's time reads: in the viewer's zone, and in the event's own zone too when its clock
// shows another time (a New York event seen from Paris). Zones with the same clock (Paris and
// Berlin) need no second line.
import { cachedFormat, offsetMinutes, zoneLabel } from "../calendar/zoned-time.ts";

function rangeFormat(timeZone: string, withWeekday: boolean): Intl.DateTimeFormat {
  return cachedFormat({
    timeZone,
    ...(withWeekday ? { weekday: "short" } : {}),
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
}

/** "Tue, Dec 8, 2026, 6:00 – 7:30 PM CET" (the platform words a range that spans days too). */
export function whenIn(startsAt: Date, endsAt: Date, timeZone: string): string {
  return rangeFormat(timeZone, true).formatRange(startsAt, endsAt);
}

/** Whether the event's zone shows another clock than the viewer's at its start. */
export function otherClock(startsAt: Date, eventZone: string, viewerZone: string): boolean {
  if (eventZone === viewerZone) return false;
  try {
    return offsetMinutes(startsAt, eventZone) !== offsetMinutes(startsAt, viewerZone);
  } catch {
    return false;
  }
}

/** The event's own time, said when it differs: "12:00 – 1:30 PM EST (America/New York)". */
export function ownWhen(startsAt: Date, endsAt: Date, eventZone: string): string {
  return `${rangeFormat(eventZone, true).formatRange(startsAt, endsAt)} (${zoneLabel(eventZone)})`;
}

/** "6:00 PM" in a zone: the calendar's chips. */
export function timeIn(instant: Date, timeZone: string): string {
  return cachedFormat({ timeZone, hour: "numeric", minute: "2-digit" }).format(instant);
}
