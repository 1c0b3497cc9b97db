import { z } from "zod";
import { idSchema, text, timestamp } from "./common.ts";

export const notificationCursor = z.object({ createdAt: timestamp(), id: idSchema });

export const listNotificationsInput = z.object({
  limit: z.number().int().min(1).max(50).default(20),
  cursor: notificationCursor.nullish(),
});

/** The kind is checked against the registered kinds by the service (not known to the web). */
export const setNotificationPreferenceInput = z.object({
  kind: text().min(1, "Choose a kind").max(100),
  inApp: z.boolean(),
  mail: z.boolean(),
});

/** The daily digest of unread notifications by mail: on or off. */
export const setNotificationDigestInput = z.object({ daily: z.boolean() });
