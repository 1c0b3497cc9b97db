import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc.ts";

export const healthRouter = {
  /** A trivial public query: the benchmark's framework baseline. */
  ping: publicProcedure.query(() => ({ ok: true as const })),
} satisfies TRPCRouterRecord;
