// The platform admin console (issue 10 §3): users, bans, impersonation, the Stripe event log and
// the audit log. Every procedure is on the platform admin rung except stopping an impersonation,
// which the impersonated user's session calls (it is not an admin's); every action writes its
// audit row in its own transaction (services/audit-log.ts).
import type { TRPCRouterRecord } from "@trpc/server";
import { platformAdminProcedure } from "../rungs/platform-admin.ts";
import {
  adminBanInput,
  adminStripeEventListInput,
  adminUserInput,
  adminUserListInput,
  auditLogListInput,
  stripeEventIdInput,
} from "../schemas/admin.ts";
import { banUser, searchUsers, unbanUser } from "../services/admin-user.ts";
import { listAuditLog } from "../services/audit-log.ts";
import { startImpersonation, stopImpersonation } from "../services/impersonation.ts";
import { listStripeEvents, replayStripeEvent } from "../services/stripe-event-log.ts";
import { authedProcedure } from "../trpc.ts";

export const adminRouter = {
  users: {
    list: platformAdminProcedure
      .input(adminUserListInput)
      .query(({ ctx, input }) => searchUsers(ctx.db, input)),
    ban: platformAdminProcedure
      .input(adminBanInput)
      .mutation(({ ctx, input }) => banUser(ctx.db, ctx.actor, input)),
    unban: platformAdminProcedure
      .input(adminUserInput)
      .mutation(({ ctx, input }) => unbanUser(ctx.db, ctx.actor, input.userId)),
  },
  impersonation: {
    start: platformAdminProcedure
      .input(adminUserInput)
      .mutation(({ ctx, input }) =>
        startImpersonation(ctx, ctx.actor, ctx.session.token, input.userId),
      ),
    /** Called by the impersonation session itself (the banner's "Stop impersonating"). */
    stop: authedProcedure.mutation(({ ctx }) =>
      stopImpersonation(
        ctx,
        {
          token: ctx.session.token,
          userId: ctx.user.id,
          impersonatedBy: ctx.session.impersonatedBy,
        },
        ctx.request,
      ),
    ),
  },
  stripeEvents: {
    list: platformAdminProcedure
      .input(adminStripeEventListInput)
      .query(({ ctx, input }) => listStripeEvents(ctx.db, input)),
    replay: platformAdminProcedure
      .input(stripeEventIdInput)
      .mutation(({ ctx, input }) => replayStripeEvent(ctx.db, ctx.clock, ctx.actor, input.id)),
  },
  auditLog: {
    list: platformAdminProcedure
      .input(auditLogListInput)
      .query(({ ctx, input }) => listAuditLog(ctx.db, input)),
  },
} satisfies TRPCRouterRecord;
