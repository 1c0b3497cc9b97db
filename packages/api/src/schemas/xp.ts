import { xpPeriods } from "@guild/db/enums";
import { z } from "zod";

/**
 * leaderboard.get: a period's board. `offset` counts periods back from the current one (1: last
 * week's winners); all_time has only offset 0. `limit`: how many of the top rows (the viewer's
 * own rank comes besides, wherever it is).
 */
export const leaderboardInput = z.object({
  period: z.enum(xpPeriods, "Choose daily, weekly, monthly or all_time"),
  offset: z.number().int().min(0).max(1000).default(0),
  limit: z.number().int().min(1).max(100).default(50),
});
