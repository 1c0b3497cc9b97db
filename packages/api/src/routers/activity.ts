import type { TRPCRouterRecord } from "@trpc/server";
import { listActivityInput } from "../schemas/activity.ts";
import { activityLogInput, organizationActivityLogInput } from "../schemas/activity-log.ts";
import { listActivity } from "../services/activity.ts";
import { listActivityLog } from "../services/activity-log.ts";
import { actingMember } from "../services/member.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

// The organization's audit log (services/activity.ts): who did what, moderation included, for its
// admins. The platform console's own log (services/audit-log.ts) is global and only platform
// admins read it; this one is the organization's and never leaves it.
export const activityRouter = {
  list: roleProcedure("admin")
    .input(listActivityInput)
    .query(({ ctx, input }) => listActivity(ctx.scope, input)),
  /** The learning activity log (services/activity-log.ts): the caller's own entries. */
  mine: orgProcedure
    .input(activityLogInput)
    .query(({ ctx, input }) =>
      listActivityLog(ctx.scope, { ...input, memberId: actingMember(ctx.scope).memberId }),
    ),
  /** The learning activity log of the organization (or of one of its members), for admins. */
  organization: roleProcedure("admin")
    .input(organizationActivityLogInput)
    .query(({ ctx, input }) => listActivityLog(ctx.scope, input)),
} satisfies TRPCRouterRecord;
