import type { TRPCRouterRecord } from "@trpc/server";
import { adminGrantInput, creditBalanceInput, creditHistoryInput } from "../schemas/credit.ts";
import { buyCreditsInput } from "../schemas/payment.ts";
import { adminGrantCredits, getCreditBalance, listCreditHistory } from "../services/credit.ts";
import { buyCredits, listCreditPacks } from "../services/order.ts";
import { orgLongProcedure, orgProcedure, roleProcedure } from "../trpc.ts";

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
  /** The credit packs on sale (the platform's catalog). */
  packs: orgProcedure.query(({ ctx }) => listCreditPacks(ctx.scope)),
  /**
   * "Buy credits": a Stripe Checkout page for the pack, which sends the member back to Credits.
   * Long: it waits on Stripe, holding no connection meanwhile.
   */
  buy: orgLongProcedure.input(buyCreditsInput).mutation(({ ctx, input }) =>
    buyCredits(
      {
        stripe: ctx.stripe,
        tenant: ctx.tenant,
        userId: ctx.user.id,
        email: ctx.user.email,
        secret: ctx.secret,
        organization: { id: ctx.organizationId, name: ctx.member.organizationName },
        returnUrl: `${ctx.appUrl}/o/${encodeURIComponent(ctx.orgSlug ?? "")}/credits`,
      },
      input,
    ),
  ),
} satisfies TRPCRouterRecord;
