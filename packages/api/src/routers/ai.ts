import type { TRPCRouterRecord } from "@trpc/server";
import { orgProcedure } from "../trpc.ts";

// What the UI says about the model: whether AI features work here, and which model answers
// ("local stand-in model" in dev and tests). Nothing secret: no URL, no key.
export const aiRouter = {
  status: orgProcedure.query(({ ctx }) => ({
    enabled: ctx.ai !== null,
    label: ctx.ai?.label ?? null,
    isStandIn: ctx.ai?.isStandIn ?? false,
  })),
} satisfies TRPCRouterRecord;
