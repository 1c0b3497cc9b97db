import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc.ts";

export const healthRouter = {
  /** A trivial public query: the benchmark's framework baseline. */
  ping: publicProcedure.query(() => ({ ok: true as const })),
  /**
   * What anyone may know of this server's setup: which Stripe billing talks to, so screens can
   * say "test mode: local Stripe stand-in" (null: billing is not configured).
   */
  config: publicProcedure.query(({ ctx }) => ({ stripeMode: ctx.stripeMode })),
} satisfies TRPCRouterRecord;
