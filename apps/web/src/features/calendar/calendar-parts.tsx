import { Link } from "@tanstack/react-router";
import { EventStatusBadge } from "../events/event-status-badge.tsx";
import { timeIn } from "../events/event-time.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { type CalendarEvent, whereWords } from "./calendar-event.ts";
import { type DayKey, dayKeyAt, formatDay } from "./zoned-time.ts";

/** An event's time on a given day: "6:00 PM", or "All day"/"Until 1:00 AM" for one spanning days. */
export function timeOnDay(event: CalendarEvent, day: DayKey, timeZone: string): string {
  const startsToday = dayKeyAt(event.startsAt, timeZone) === day;
  const endsToday = dayKeyAt(new Date(event.endsAt.getTime() - 1), timeZone) === day;
  if (startsToday) return timeIn(event.startsAt, timeZone);
  if (endsToday) return `Until ${timeIn(event.endsAt, timeZone)}`;
  return "All day";
}

/**
 * A small event in a month square: time and title, struck through when cancelled. Mouse users
 * click it; keyboard users reach the same link in the chosen day's list below the grid, so the
 * grid stays one Tab stop (`focusable` false).
 */
export function EventChip({
  event,
  day,
  timeZone,
  focusable,
}: {
  event: CalendarEvent;
  day: DayKey;
  timeZone: string;
  focusable: boolean;
}) {
  const { slug } = useCurrentOrganization();
  const cancelled = event.status === "cancelled";
  return (
    <Link
      to="/o/$slug/s/$spaceSlug/events/$eventId"
      params={{ slug, spaceSlug: event.spaceSlug, eventId: event.id }}
      tabIndex={focusable ? undefined : -1}
      title={event.title}
      className={`flex min-w-0 items-center gap-1 rounded px-1 py-0.5 text-xs hover:bg-accent focus-visible:bg-accent ${
        event.status === "live" ? "bg-danger-muted text-danger" : "text-foreground"
      }`}
    >
      {event.status === "live" && (
        <span aria-hidden="true" className="size-1.5 shrink-0 rounded-full bg-danger-solid" />
      )}
      <span className="shrink-0 text-muted-foreground tabular-nums">
        {timeOnDay(event, day, timeZone)}
      </span>
      <span className={`min-w-0 truncate ${cancelled ? "line-through" : ""}`}>{event.title}</span>
      {cancelled && <span className="sr-only">(cancelled)</span>}
    </Link>
  );
}

/** One event as a row of a day's list: time, title, status, space and place. */
export function EventRow({
  event,
  day,
  timeZone,
}: {
  event: CalendarEvent;
  day: DayKey;
  timeZone: string;
}) {
  const { slug } = useCurrentOrganization();
  const cancelled = event.status === "cancelled";
  return (
    <li className="flex gap-3 py-2">
      <span className="w-20 shrink-0 text-sm text-muted-foreground tabular-nums">
        {timeOnDay(event, day, timeZone)}
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          <Link
            to="/o/$slug/s/$spaceSlug/events/$eventId"
            params={{ slug, spaceSlug: event.spaceSlug, eventId: event.id }}
            className={`font-medium text-foreground wrap-anywhere hover:underline focus-visible:underline ${
              cancelled ? "line-through" : ""
            }`}
          >
            {event.title}
          </Link>
          <EventStatusBadge status={event.status} />
        </p>
        <p className="text-xs text-muted-foreground wrap-anywhere">
          {event.spaceName} · {whereWords(event)}
        </p>
      </div>
    </li>
  );
}

/** Days with their events, one heading each: the list view, a phone's month, a chosen day. */
export function DayList({
  days,
  byDay,
  timeZone,
  today,
  headingLevel = 3,
}: {
  days: DayKey[];
  byDay: Map<DayKey, CalendarEvent[]>;
  timeZone: string;
  today: DayKey;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ol className="space-y-4">
      {days.map((day) => (
        <li key={day}>
          <Heading className="border-b border-border pb-1 text-sm font-semibold text-foreground">
            {formatDay(day, { weekday: "long", month: "long", day: "numeric" })}
            {day === today && (
              <span className="ml-2 rounded bg-accent px-1.5 py-0.5 text-xs font-medium text-accent-foreground">
                Today
              </span>
            )}
          </Heading>
          {(byDay.get(day) ?? []).length === 0 ? (
            <p className="py-2 text-sm text-muted-foreground">No events.</p>
          ) : (
            <ul className="divide-y divide-border">
              {(byDay.get(day) ?? []).map((event) => (
                <EventRow key={event.id} event={event} day={day} timeZone={timeZone} />
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
