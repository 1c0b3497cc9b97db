import type { TRPCRouterRecord } from "@trpc/server";
import { adminGrantInput, creditBalanceInput, creditHistoryInput } from "../schemas/credit.ts";
import { adminGrantCredits, getCreditBalance, listCreditHistory } from "../services/credit.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

// A member reads their own credits; admins read any member's (services/credit.ts decides, and to
// anyone else another member's credits are missing). Spending and paid grants are not procedures:
// what causes them (a feature, the billing job, a payment webhook) calls the service.
export const creditRouter = {
  balance: orgProcedure
    .input(creditBalanceInput)
    .query(({ ctx, input }) => getCreditBalance(ctx.scope, input)),
  history: orgProcedure
    .input(creditHistoryInput)
    .query(({ ctx, input }) => listCreditHistory(ctx.scope, input)),
  /** An admin's bonus to a member, with its reason (activity log: credit.granted). */
  adminGrant: roleProcedure("admin")
    .input(adminGrantInput)
    .mutation(({ ctx, input }) => adminGrantCredits(ctx.scope, input)),
} satisfies TRPCRouterRecord;
