import { z } from "zod";
import { evaluateAchievements } from "../services/achievement-award.ts";
import { tenantTask } from "./define.ts";

export const achievementTasks = {
  // After whatever could earn an achievement committed (services/achievement-check.ts says why a
  // job): one system transaction awards what the member now meets. Idempotent: an award exists
  // once, so a retried or duplicate job awards nothing more.
  "achievement.evaluate": tenantTask<"achievement.evaluate">({
    payload: z.object({ memberId: z.uuid() }),
    run: async (job, { tenant }) => {
      await tenant((scope) => evaluateAchievements(scope, job.memberId));
    },
  }),
};
