import type { TRPCRouterRecord } from "@trpc/server";
import { byIdInput } from "../schemas/common.ts";
import {
  listNotificationsInput,
  setNotificationDigestInput,
  setNotificationPreferenceInput,
} from "../schemas/notification.ts";
import {
  listNotificationPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  setNotificationPreference,
  unreadNotificationCount,
} from "../services/notification.ts";
import {
  notificationDigestPreference,
  setNotificationDigestPreference,
} from "../services/notification-digest.ts";
import { orgProcedure } from "../trpc.ts";

// A member's own notifications and choices: every member, only their own rows (member-owned
// tables: another member's notification id is NOT_FOUND, as in another organization).
export const notificationRouter = {
  list: orgProcedure
    .input(listNotificationsInput)
    .query(({ ctx, input }) => listNotifications(ctx.scope, input)),
  unreadCount: orgProcedure.query(({ ctx }) => unreadNotificationCount(ctx.scope)),
  markRead: orgProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => markNotificationRead(ctx.scope, input)),
  markAllRead: orgProcedure.mutation(({ ctx }) => markAllNotificationsRead(ctx.scope)),
  preferences: orgProcedure.query(({ ctx }) => listNotificationPreferences(ctx.scope)),
  setPreference: orgProcedure
    .input(setNotificationPreferenceInput)
    .mutation(({ ctx, input }) => setNotificationPreference(ctx.scope, input)),
  /** The daily digest of unread notifications by mail (on unless turned off). */
  digest: orgProcedure.query(({ ctx }) => notificationDigestPreference(ctx.scope)),
  setDigest: orgProcedure
    .input(setNotificationDigestInput)
    .mutation(({ ctx, input }) => setNotificationDigestPreference(ctx.scope, input)),
} satisfies TRPCRouterRecord;
