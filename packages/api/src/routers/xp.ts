import type { TRPCRouterRecord } from "@trpc/server";
import { leaderboardInput } from "../schemas/xp.ts";
import { getLeaderboard } from "../services/leaderboard.ts";
import { myXp } from "../services/xp.ts";
import { orgProcedure } from "../trpc.ts";

// XP is awarded by what earns it (services/xp.ts awardXp), never by a procedure of its own: these
// only read. Every member reads their own XP and the organization's boards.
export const xpRouter = {
  /** The caller's total, level and progress to the next, and streaks. */
  me: orgProcedure.query(({ ctx }) => myXp(ctx.scope)),
} satisfies TRPCRouterRecord;

export const leaderboardRouter = {
  get: orgProcedure
    .input(leaderboardInput)
    .query(({ ctx, input }) => getLeaderboard(ctx.scope, input)),
} satisfies TRPCRouterRecord;
