import { fileRouter } from "./routers/file.ts";
import { healthRouter } from "./routers/health.ts";
import { invitationRouter } from "./routers/invitation.ts";
import { leadRouter } from "./routers/lead.ts";
import { meRouter } from "./routers/me.ts";
import { memberRouter } from "./routers/member.ts";
import { notificationRouter } from "./routers/notification.ts";
import { organizationRouter } from "./routers/organization.ts";
import { realtimeRouter } from "./routers/realtime.ts";
import { createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  me: meRouter,
  organization: organizationRouter,
  member: memberRouter,
  invitation: invitationRouter,
  lead: leadRouter,
  file: fileRouter,
  notification: notificationRouter,
  realtime: realtimeRouter,
});

export type AppRouter = typeof appRouter;
