// Event reminders (issue 13): how long before an event's start each one goes.

export const eventReminderOffsets = ["24h", "1h"] as const;
export type EventReminderOffset = (typeof eventReminderOffsets)[number];

export const EVENT_REMINDER_OFFSET_MS: Record<EventReminderOffset, number> = {
  "24h": 24 * 3_600_000,
  "1h": 3_600_000,
};
