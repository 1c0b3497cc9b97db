import type { TRPCRouterRecord } from "@trpc/server";
import { listActivityInput } from "../schemas/activity.ts";
import { listActivity } from "../services/activity.ts";
import { roleProcedure } from "../trpc.ts";

// The organization's audit log (services/activity.ts): who did what, moderation included, for its
// admins. The platform console's own log (services/audit-log.ts) is global and only platform
// admins read it; this one is the organization's and never leaves it.
export const activityRouter = {
  list: roleProcedure("admin")
    .input(listActivityInput)
    .query(({ ctx, input }) => listActivity(ctx.scope, input)),
} satisfies TRPCRouterRecord;
