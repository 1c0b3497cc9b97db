import type { TRPCRouterRecord } from "@trpc/server";
import { planCheckoutInput } from "../schemas/organization-plan.ts";
import {
  billingState,
  cancelPlan,
  changePlan,
  openBillingPortal,
  type PlanCall,
  resumePlan,
  startPlanCheckout,
} from "../services/organization-plan.ts";
import { roleLongProcedure, roleProcedure } from "../trpc.ts";

// The organization's Guild plan (services/organization-plan.ts). Admins see it (the billing
// screen, the past-due banner); only owners spend the organization's money: checkout, plan
// changes, cancel and resume, and the portal (payment methods, invoices). The procedures that
// call Stripe hold no transaction while Stripe answers (roleLongProcedure).
const ownerCall = roleLongProcedure("owner");

function planCall(ctx: {
  tenant: PlanCall["tenant"];
  stripe: PlanCall["stripe"];
  appUrl: string;
  member: { organizationId: string; organizationSlug: string; organizationName: string };
  user: { email: string };
}): PlanCall {
  return {
    tenant: ctx.tenant,
    stripe: ctx.stripe,
    appUrl: ctx.appUrl,
    organization: {
      id: ctx.member.organizationId,
      slug: ctx.member.organizationSlug,
      name: ctx.member.organizationName,
    },
    user: { email: ctx.user.email },
  };
}

export const organizationPlanRouter = {
  /** Plan, status, seats used of the limit, next invoice, trial and cancellation, choices. */
  state: roleProcedure("admin").query(({ ctx }) => billingState(ctx.scope, ctx.stripe !== null)),
  /** A Stripe Checkout page for a plan price (subscription, or one-time for lifetime). */
  checkout: ownerCall
    .input(planCheckoutInput)
    .mutation(({ ctx, input }) => startPlanCheckout(planCall(ctx), input)),
  /** A Stripe billing portal session for the organization's customer. */
  portal: ownerCall.mutation(({ ctx }) => openBillingPortal(planCall(ctx))),
  /** Another plan price for the subscription, prorated. */
  changePlan: ownerCall
    .input(planCheckoutInput)
    .mutation(({ ctx, input }) => changePlan(planCall(ctx), input)),
  /** Cancel at the end of the paid period. */
  cancel: ownerCall.mutation(({ ctx }) => cancelPlan(planCall(ctx))),
  /** Take a cancellation at period end back. */
  resume: ownerCall.mutation(({ ctx }) => resumePlan(planCall(ctx))),
} satisfies TRPCRouterRecord;
