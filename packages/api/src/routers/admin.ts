// The platform admin console (issue 10 §3): users, bans, impersonation, organizations and comped
// plans, the plan catalog, the Stripe event log and the audit log. Every procedure is on the platform admin rung except stopping an impersonation,
// which the impersonated user's session calls (it is not an admin's); every action writes its
// audit row in its own transaction (services/audit-log.ts).
import type { TRPCRouterRecord } from "@trpc/server";
import { platformAdminProcedure } from "../rungs/platform-admin.ts";
import {
  adminBanInput,
  adminOrganizationListInput,
  adminStripeEventListInput,
  adminUserInput,
  adminUserListInput,
  auditLogListInput,
  compPlanInput,
  endCompInput,
  planUpdateInput,
  stripeEventIdInput,
} from "../schemas/admin.ts";
import { compPlan, endComp, listOrganizations } from "../services/admin-organization.ts";
import { listPlansForAdmin, updatePlan } from "../services/admin-plan.ts";
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
  organizations: {
    list: platformAdminProcedure
      .input(adminOrganizationListInput)
      .query(({ ctx, input }) => listOrganizations(ctx.db, input)),
    compPlan: platformAdminProcedure
      .input(compPlanInput)
      .mutation(({ ctx, input }) => compPlan(ctx.db, ctx.actor, input, ctx.now())),
    endComp: platformAdminProcedure
      .input(endCompInput)
      .mutation(({ ctx, input }) => endComp(ctx.db, ctx.actor, input.organizationId, ctx.now())),
  },
  plans: {
    list: platformAdminProcedure.query(({ ctx }) => listPlansForAdmin(ctx.db)),
    update: platformAdminProcedure
      .input(planUpdateInput)
      .mutation(({ ctx, input }) => updatePlan(ctx.db, ctx.stripe, ctx.actor, input)),
  },
  auditLog: {
    list: platformAdminProcedure
      .input(auditLogListInput)
      .query(({ ctx, input }) => listAuditLog(ctx.db, input)),
  },
} satisfies TRPCRouterRecord;
