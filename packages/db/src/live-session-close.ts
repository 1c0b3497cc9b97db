// A live session's closing job (issue 13 §2): at an event's end, whoever was going and never
// joined is marked missed. It lives here, next to the tables, like the event reminders
// (event-reminder.ts), because two packages schedule it: the api's event services (create,
// update, a series' occurrences) and the demo seed, which cannot import the api. The handler is
// the api's (jobs/live-session.ts, services/live-session.ts closeSession).
//
// One job per event (its key): scheduling again (the event moved) replaces the waiting one, so
// the closing moves with the event. The job checks the event's end again when it runs, so a
// stale one (the event since moved later) marks nobody, and a cancelled event marks nobody.
import type { TenantScope } from "./scope.ts";

declare module "./scope.ts" {
  interface JobPayloads {
    "live-session.close": { eventId: string };
  }
}

/**
 * Schedules (or moves) the closing of these events at their end. Call it whenever an event is
 * created or its end changes; a cancelled one is skipped (its waiting job finds it cancelled).
 */
export async function scheduleSessionClose(
  scope: TenantScope,
  events: ReadonlyArray<{ id: string; endsAt: Date; status?: string | null }>,
): Promise<void> {
  for (const event of events) {
    if (event.status === "cancelled") continue;
    await scope.enqueue(
      "live-session.close",
      { eventId: event.id },
      { runAt: event.endsAt, jobKey: `live-session.close:${event.id}`, jobKeyMode: "replace" },
    );
  }
}
