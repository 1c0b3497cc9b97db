// Which event reminders went out (issue 13): one row per event, reminder (24 h, 1 h) and the start
// it was for. The reminder job inserts it in the transaction that queues the notifications, so a
// job that runs twice (graphile-worker delivers at least once) tells nobody twice; an event moved
// to another start is a new key, reminded again for its new time.
import { uuid } from "drizzle-orm/pg-core";
import { eventReminderOffsets } from "../enums/event-reminder.ts";
import { event } from "./event.ts";
import { instant, keyedTenantTable, tenantRef, textEnum } from "./helpers.ts";

export const eventReminderSent = keyedTenantTable(
  "event_reminder_sent",
  {
    eventId: uuid().notNull(),
    reminder: textEnum(eventReminderOffsets).notNull(),
    startsAt: instant().notNull(),
    sentAt: instant().notNull().defaultNow(),
  },
  (t) => [t.eventId, t.reminder, t.startsAt],
  (t) => [
    tenantRef(t, t.eventId, () => event, {
      onDelete: "cascade",
      name: "event_reminder_sent_event_fk",
    }),
  ],
);
