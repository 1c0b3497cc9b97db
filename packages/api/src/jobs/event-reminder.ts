import { eventReminderOffsets } from "@guild/db/enums";
import { z } from "zod";
import { remindEvent } from "../services/event-reminder.ts";
import { tenantTask } from "./define.ts";

export const eventReminderTasks = {
  // 24 hours and 1 hour before an event (scheduled by scheduleEventReminders, moved with the event
  // by its job key): one system transaction claims the reminder and hands the members going or
  // maybe to the notification fan-out, which follows each one's preferences for the app and mail.
  "event.remind": tenantTask<"event.remind">({
    payload: z.object({
      eventId: z.uuid(),
      offset: z.enum(eventReminderOffsets),
      startsAt: z.iso.datetime(),
    }),
    run: async (job, { tenant }) => {
      await tenant((scope) => remindEvent(scope, job));
    },
  }),
};
