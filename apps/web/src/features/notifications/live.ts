import type { LiveHandler } from "../realtime/live.ts";

// A notification for me, or mine read in another tab: the unread count and the list.
export const notificationLive: LiveHandler = {
  prefix: "notification.",
  stale: (_event, trpc) => [trpc.notification.pathFilter()],
};
