import { healthRouter } from "./routers/health";
import { invitationRouter } from "./routers/invitation";
import { leadRouter } from "./routers/lead";
import { meRouter } from "./routers/me";
import { memberRouter } from "./routers/member";
import { organizationRouter } from "./routers/organization";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  me: meRouter,
  organization: organizationRouter,
  member: memberRouter,
  invitation: invitationRouter,
  lead: leadRouter,
});

export type AppRouter = typeof appRouter;
