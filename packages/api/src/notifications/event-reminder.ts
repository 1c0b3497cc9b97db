import { describeEventReminders } from "../services/event-reminder.ts";
import { notificationKind } from "./define.ts";

/**
 * An event the member is going to (or maybe) starts in 24 hours, then in 1 hour (the
 * `event.remind` jobs). The sentence says which (notify's `count` holds the hours ahead: the
 * reminder's, not the time since, so it reads the same tomorrow) and gives the start in the
 * reader's own time zone.
 */
export const eventReminder = notificationKind({
  kind: "event.reminder",
  label: "Reminders of events you are going to",
  defaults: { inApp: true, mail: true },
  describe: describeEventReminders,
  text: ({ target, count }) => {
    const ahead = count === null ? "" : count === 1 ? ", in 1 hour" : `, in ${count} hours`;
    return target
      ? `Reminder${ahead}: ${target.name}`
      : "Reminder of an event that is no longer available";
  },
});
