import type { TRPCRouterRecord } from "@trpc/server";
import { planUsage } from "../services/seats.ts";
import { orgProcedure } from "../trpc.ts";

/**
 * The organization's plan and its limits (`entitlement`): any member reads them (screens offer
 * the upgrade before a refusal); the subscription behind the plan only admins.
 */
export const entitlementRouter = {
  current: orgProcedure.query(({ ctx }) => planUsage(ctx.scope)),
} satisfies TRPCRouterRecord;
