import type { DayKey } from "./zoned-time.ts";
import { daysCovered } from "./zoned-time.ts";

/** What a calendar shows of an event (event.calendar's items have it, and more). */
export interface CalendarEvent {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  status: "scheduled" | "live" | "ended" | "cancelled";
  spaceSlug: string;
  spaceName: string;
  place: string | null;
  hasOnlineLink: boolean;
}

/** The events of each day they cover in a zone, in start order. */
export function eventsByDay<T extends CalendarEvent>(
  events: readonly T[],
  timeZone: string,
): Map<DayKey, T[]> {
  const days = new Map<DayKey, T[]>();
  const sorted = [...events].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (const event of sorted)
    for (const day of daysCovered(event.startsAt, event.endsAt, timeZone)) {
      const list = days.get(day);
      if (list) list.push(event);
      else days.set(day, [event]);
    }
  return days;
}

/** Where an event happens, in a few words. */
export function whereWords(event: Pick<CalendarEvent, "place" | "hasOnlineLink">): string {
  if (event.place && event.hasOnlineLink) return `${event.place} and online`;
  return event.place ?? (event.hasOnlineLink ? "Online" : "Place to be announced");
}
