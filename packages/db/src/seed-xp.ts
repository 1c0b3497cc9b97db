// The demo organization's XP (issue 12 §3): learners at several levels, with streaks, so the
// leaderboards and xp.me have something to show from the first run. Written as ledger events
// (the standings follow by migration 0062's trigger), each with a fixed source id, so a seed run
// again adds nothing. Besides the demo courses' lessons (seed-courses.ts), the lessons named are
// the demo's own keys.
import { and, eq, like } from "drizzle-orm";
import type { XpSourceKind } from "./enums/xp.ts";
import { xpEvent } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";
import { awardDemoCourseXp } from "./seed-courses.ts";
import { awardDemoSessionXp } from "./seed-events.ts";

const DAY = 86_400_000;

interface Learner {
  /** Days ago (0: today) with a lesson, and the XP of each. */
  lessonDays: number[];
  lessonXp: number;
  /** A few quiz passes, days ago. */
  quizDays: number[];
}

/**
 * In the order of seed.ts's demoUsers: the owner at level 4 with a 40-day streak, the admin at
 * level 3 with a 5-day streak to yesterday after a longer one, the member at level 2 with none.
 */
const learners: Learner[] = [
  { lessonDays: range(0, 40), lessonXp: 400, quizDays: [1, 3, 8, 15, 22] },
  { lessonDays: [...range(1, 6), ...range(9, 18), 25, 31], lessonXp: 450, quizDays: [2, 12] },
  { lessonDays: [4, 6, 11, 19, 27, 35], lessonXp: 550, quizDays: [6] },
];

function range(from: number, to: number) {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

export async function hasDemoXp(scope: TenantScope): Promise<boolean> {
  const [row] = await scope.db
    .select({ id: xpEvent.id })
    .from(xpEvent)
    .where(and(eq(xpEvent.organizationId, scope.organizationId), like(xpEvent.sourceId, "demo-%")))
    .limit(1);
  return row !== undefined;
}

/** Adds the demo's XP if it has none; true if it added it. */
export async function seedDemoXp(
  scope: TenantScope,
  memberIds: readonly string[],
  now: Date,
): Promise<boolean> {
  if (await hasDemoXp(scope)) return false;
  // A minute before now, N days back: consecutive days ago are consecutive local days.
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY - 60_000);
  const rows: (typeof xpEvent.$inferInsert)[] = [];
  for (const [i, memberId] of memberIds.entries()) {
    const learner = learners[i];
    if (!learner) continue;
    const event = (kind: XpSourceKind, sourceId: string, amount: number, daysAgo: number) =>
      rows.push({
        organizationId: scope.organizationId,
        memberId,
        kind,
        sourceId,
        amount,
        occurredAt: at(daysAgo),
      });
    for (const day of learner.lessonDays)
      event("lesson", `demo-lesson-${day}`, learner.lessonXp, day);
    for (const day of learner.quizDays) event("quiz_pass", `demo-quiz-${day}`, 150, day);
  }
  if (rows.length === 0) return false;
  await scope.db.insert(xpEvent).values(rows).onConflictDoNothing();
  // A ledger emptied and refilled gets the demo courses' completions and sessions back too.
  await awardDemoCourseXp(scope);
  await awardDemoSessionXp(scope);
  return true;
}
