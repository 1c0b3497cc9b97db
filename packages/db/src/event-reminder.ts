// An event's reminder jobs (issue 13): 24 hours and 1 hour before it starts, one job per event and
// offset. It lives here, next to the tables, like the task reminder (task-reminder.ts), because two
// packages schedule it: the api's event services (create, update, a series' occurrences) and the
// demo seed, which cannot import the api. The handler that sends the reminders is the api's
// (jobs/event-reminder.ts, services/event-reminder.ts).
//
// The job key is the event and the offset, so scheduling again (the event moved) replaces the
// waiting job: the reminders move with the event. A job whose event has since moved to a time
// for which this offset is already past stays queued with its old start, and does nothing when
// it runs (it sends only for the start it was scheduled for). Who is reminded is read when the
// job runs (going or maybe then), so RSVPs need no scheduling of their own.
import {
  EVENT_REMINDER_OFFSET_MS,
  type EventReminderOffset,
  eventReminderOffsets,
} from "./enums/event-reminder.ts";
import type { TenantScope } from "./scope.ts";

/** What the reminder job gets: the event, which reminder, and the start it was scheduled for. */
export interface EventReminderJob {
  eventId: string;
  offset: EventReminderOffset;
  /** ISO time; an event since moved to another start is reminded by that start's jobs instead. */
  startsAt: string;
}

declare module "./scope.ts" {
  interface JobPayloads {
    "event.remind": EventReminderJob;
  }
}

/**
 * Schedules (or moves) the 24-hour and 1-hour reminders of these events, replacing the pending
 * ones (same job keys). Call it whenever an event is created or its start changes: a one-off
 * event, a series' occurrences when they are materialized or rewritten, an occurrence moved on
 * its own. A reminder whose time has passed is not scheduled (an event created 5 hours ahead gets
 * its 1-hour reminder only); a cancelled event gets none (its waiting jobs find it cancelled).
 */
export async function scheduleEventReminders(
  scope: TenantScope,
  events: ReadonlyArray<{ id: string; startsAt: Date; status?: string | null }>,
): Promise<void> {
  const now = scope.now().getTime();
  for (const event of events) {
    if (event.status === "cancelled" || event.status === "ended") continue;
    for (const offset of eventReminderOffsets) {
      const runAt = event.startsAt.getTime() - EVENT_REMINDER_OFFSET_MS[offset];
      if (runAt <= now) continue;
      await scope.enqueue(
        "event.remind",
        {
          eventId: event.id,
          offset,
          startsAt: event.startsAt.toISOString(),
        },
        {
          runAt: new Date(runAt),
          jobKey: `event.remind:${event.id}:${offset}`,
          jobKeyMode: "replace",
        },
      );
    }
  }
}
