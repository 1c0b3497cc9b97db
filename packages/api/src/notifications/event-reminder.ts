import { describeEventReminders } from "../services/event-reminder.ts";
import { notificationKind } from "./define.ts";

/**
 * An event the member is going to (or maybe) starts in 24 hours, then in 1 hour (the
 * `event.remind` jobs). The sentence gives the start in the reader's own time zone.
 */
export const eventReminder = notificationKind({
  kind: "event.reminder",
  label: "Reminders of events you are going to",
  defaults: { inApp: true, mail: true },
  describe: describeEventReminders,
  text: ({ target }) =>
    target ? `Reminder: ${target.name}` : "Reminder of an event that is no longer available",
});
