import type { TRPCRouterRecord } from "@trpc/server";
import {
  checkoutStatusInput,
  memberPaymentsInput,
  myOrdersInput,
  organizationPaymentsInput,
} from "../schemas/payment.ts";
import { checkoutStatus } from "../services/order.ts";
import {
  listMemberPayments,
  listMyOrders,
  listOrganizationPayments,
} from "../services/payment-history.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

// Orders and invoices (services/payment-history.ts decides who reads whose): a member reads their
// own, admins any member's and the organization's. Nothing here writes: Stripe's webhooks record
// payments (services/order.ts, services/billing-invoice.ts).
export const paymentRouter = {
  myOrders: orgProcedure
    .input(myOrdersInput)
    .query(({ ctx, input }) => listMyOrders(ctx.scope, input)),
  memberHistory: orgProcedure
    .input(memberPaymentsInput)
    .query(({ ctx, input }) => listMemberPayments(ctx.scope, input)),
  organizationHistory: roleProcedure("admin")
    .input(organizationPaymentsInput)
    .query(({ ctx, input }) => listOrganizationPayments(ctx.scope, input)),
  /** What became of the caller's checkout: the page Stripe sent them back to asks until paid. */
  checkout: orgProcedure
    .input(checkoutStatusInput)
    .query(({ ctx, input }) => checkoutStatus(ctx.scope, input)),
} satisfies TRPCRouterRecord;
