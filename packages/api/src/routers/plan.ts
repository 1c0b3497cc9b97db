import type { TRPCRouterRecord } from "@trpc/server";
import { listPlans } from "../services/plan.ts";
import { publicProcedure } from "../trpc.ts";

/** The plan catalog (`plan`): public, for the pricing page anyone may open signed out. */
export const planRouter = {
  list: publicProcedure.query(({ ctx }) => listPlans(ctx.db)),
} satisfies TRPCRouterRecord;
