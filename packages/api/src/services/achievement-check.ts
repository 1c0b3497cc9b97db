// When to look at a member's achievements again (issue 12 §3). What could earn one (a lesson
// completed, a quiz passed, a course finished, any XP, which moves streaks and ranks) queues an
// evaluation in its own transaction; the job (jobs/achievement.ts) evaluates after the commit.
//
// Why a job and not in the triggering transaction: two lessons completed at once each see only
// their own completion until both commit, so an evaluation inside either would miss "2 lessons"
// while the job, running after the commit, counts both; the award's notification is for the
// member who acted, whom notify() never tells of their own doing; and a leaderboard rank read has
// no place on a lesson's path. The job key folds a burst of triggers into one evaluation.
// Kept apart from the evaluator so services/xp.ts can queue without importing what imports it.
import type { TenantScope } from "@guild/db";

declare module "@guild/db/scope" {
  interface JobPayloads {
    "achievement.evaluate": { memberId: string };
  }
}

export async function queueAchievementCheck(scope: TenantScope, memberId: string): Promise<void> {
  await scope.enqueue(
    "achievement.evaluate",
    { memberId },
    { jobKey: `achievement.evaluate:${memberId}` },
  );
}
