// Achievements (issue 12 §3): how far a member is toward each criterion, measured from the real
// data (lessons completed, courses finished, quizzes passed, live sessions attended, streaks,
// leaderboard standings, XP), and the award itself.
//
// An award is once per member and achievement, ever: member_achievement's unique key, written
// with insert … on conflict do nothing, decides between any number of racing evaluations (the
// loser waits on the winner's key, then inserts nothing). Only the winner's insert returns the
// row, and only it awards the XP reward (through the ledger, with the achievement as its source:
// once too), notifies the member and publishes the live event. Rows are inserted in one
// statement in id order, so two evaluations awarding several at once lock in the same order.
import { and, count, eq, memberAchievement, sql, type TenantScope, type XpPeriod } from "@guild/db";
import { publish } from "../realtime/event-log.ts";
import type { AchievementCriteria } from "../schemas/achievement.ts";
import { levelForXp } from "../schemas/xp-level.ts";
import { type AchievementDefinition, awardableAchievements } from "./achievement-catalog.ts";
import { notify } from "./notification.ts";
import { awardXp } from "./xp.ts";
import { streaksOf } from "./xp-streak.ts";

/** How far a member is toward one criterion: `current` of `target`, and whether it is met. */
export interface AchievementProgress {
  current: number;
  target: number;
  met: boolean;
}

interface MemberCounts {
  isMember: boolean;
  lessons: number;
  courses: number;
  quizPasses: number;
  sessions: number;
  xp: number;
}

async function countsOf(scope: TenantScope, memberId: string): Promise<MemberCounts> {
  const org = scope.organizationId;
  const [row] = await scope.db.execute<{
    is_member: boolean;
    lessons: number;
    courses: number;
    quiz_passes: number;
    sessions: number;
    xp: number;
  }>(sql`
    select
      exists(select 1 from member where organization_id = ${org} and id = ${memberId}) as is_member,
      (select count(*)::integer from lesson_progress
        where organization_id = ${org} and member_id = ${memberId} and status = 'completed')
        as lessons,
      (select count(*)::integer from course_enrollment
        where organization_id = ${org} and member_id = ${memberId} and completed_at is not null)
        as courses,
      (select count(distinct lesson_id)::integer from quiz_attempt
        where organization_id = ${org} and member_id = ${memberId} and passed) as quiz_passes,
      -- Sessions attended from the ledger, not from RSVPs: joining a session awards its XP once
      -- (live-session.ts), and the award outlives the event, which a host may delete.
      (select count(*)::integer from xp_event
        where organization_id = ${org} and member_id = ${memberId}
          and kind = 'session_attended') as sessions,
      coalesce((select xp from xp_standing
        where organization_id = ${org} and period = 'all_time' and period_start = '1970-01-01'
          and member_id = ${memberId}), 0) as xp`);
  return {
    isMember: row?.is_member ?? false,
    lessons: row?.lessons ?? 0,
    courses: row?.courses ?? 0,
    quizPasses: row?.quiz_passes ?? 0,
    sessions: row?.sessions ?? 0,
    xp: row?.xp ?? 0,
  };
}

/**
 * The member's standing on a board's current period (the organization's clock) against its top
 * `top`: their XP, how many have more (counted up to `top` only: a low rank costs no more than a
 * high one), and the XP of the board's top-th place (what it takes to enter; null while fewer
 * than `top` are on the board).
 */
async function rankStanding(scope: TenantScope, memberId: string, period: XpPeriod, top: number) {
  const org = scope.organizationId;
  const [row] = await scope.db.execute<{ xp: number; above: number; entry_xp: number | null }>(sql`
    with start as (
      select guild_xp_period_start(${period},
               (${scope.now().toISOString()}::timestamptz at time zone o.time_zone)::date,
               o.week_starts_on) as day
      from organization o where o.id = ${org}
    ), mine as (
      select coalesce((select xp from xp_standing
        where organization_id = ${org} and period = ${period}
          and period_start = (select day from start) and member_id = ${memberId}), 0) as xp
    )
    select (select xp from mine) as xp,
      (select count(*)::integer from (
        select 1 from xp_standing
        where organization_id = ${org} and period = ${period}
          and period_start = (select day from start) and xp > (select xp from mine)
        limit ${top}) above) as above,
      (select xp from xp_standing
        where organization_id = ${org} and period = ${period}
          and period_start = (select day from start)
        order by xp desc nulls last, member_id offset ${top - 1} limit 1) as entry_xp`);
  return { xp: row?.xp ?? 0, above: row?.above ?? 0, entryXp: row?.entry_xp ?? null };
}

const counted = (current: number, target: number): AchievementProgress => ({
  current: Math.min(current, target),
  target,
  met: current >= target,
});

/**
 * Each criterion's progress for the member, in the order given; null when the member is not (or
 * no longer) in the organization. Reads only what the criteria need.
 */
export async function progressOf(
  scope: TenantScope,
  memberId: string,
  criteria: readonly AchievementCriteria[],
): Promise<AchievementProgress[] | null> {
  const counts = await countsOf(scope, memberId);
  if (!counts.isMember) return null;
  const streaks = criteria.some((c) => c.kind === "streak_days")
    ? await streaksOf(scope, memberId)
    : null;
  const ranks = new Map<string, Awaited<ReturnType<typeof rankStanding>>>();
  for (const c of criteria)
    if (c.kind === "leaderboard_rank" && !ranks.has(`${c.period}:${c.top}`))
      ranks.set(`${c.period}:${c.top}`, await rankStanding(scope, memberId, c.period, c.top));
  return criteria.map((c): AchievementProgress => {
    switch (c.kind) {
      case "lessons_completed":
        return counted(counts.lessons, c.count);
      case "courses_completed":
        return counted(counts.courses, c.count);
      case "quiz_passes":
        return counted(counts.quizPasses, c.count);
      case "streak_days": {
        // The longest run earns it (a streak reached once counts, even if broken since); the
        // current run is the progress toward it.
        const { current = 0, longest = 0 } = streaks ?? {};
        return longest >= c.days ? counted(c.days, c.days) : counted(current, c.days);
      }
      case "level_reached":
        return counted(levelForXp(counts.xp), c.level);
      case "sessions_attended":
        return counted(counts.sessions, c.count);
      case "leaderboard_rank": {
        const standing = ranks.get(`${c.period}:${c.top}`);
        const xp = standing?.xp ?? 0;
        const met = xp > 0 && (standing?.above ?? 0) < c.top;
        // Progress in XP toward the top-th place's XP (any XP at all while the board is short).
        const target = Math.max(1, standing?.entryXp ?? 1);
        return met
          ? { current: target, target, met }
          : { current: Math.min(xp, target), target, met };
      }
      default:
        return c satisfies never;
    }
  });
}

/** The achievements the member has earned: achievement id → when. */
export async function earnedBy(scope: TenantScope, memberId: string) {
  const rows = await scope.db
    .select({
      achievementId: memberAchievement.achievementId,
      earnedAt: memberAchievement.earnedAt,
    })
    .from(memberAchievement)
    .where(
      and(
        eq(memberAchievement.organizationId, scope.organizationId),
        eq(memberAchievement.memberId, memberId),
      ),
    );
  return new Map(rows.map((row) => [row.achievementId, row.earnedAt]));
}

/** Awards the achievements the member meets and lacks; answers the ids this call awarded. */
async function awardPass(
  scope: TenantScope,
  memberId: string,
  definitions: readonly AchievementDefinition[],
): Promise<AchievementDefinition[]> {
  const earned = await earnedBy(scope, memberId);
  const pending = definitions.filter((d) => !earned.has(d.id));
  if (pending.length === 0) return [];
  const progress = await progressOf(
    scope,
    memberId,
    pending.map((d) => d.criteria),
  );
  if (!progress) return [];
  const met = pending
    .filter((_, i) => progress[i]?.met)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (met.length === 0) return [];
  const inserted = await scope.db
    .insert(memberAchievement)
    .values(
      met.map((d) => ({
        organizationId: scope.organizationId,
        achievementId: d.id,
        memberId,
        earnedAt: scope.now(),
      })),
    )
    .onConflictDoNothing({
      target: [
        memberAchievement.organizationId,
        memberAchievement.achievementId,
        memberAchievement.memberId,
      ],
    })
    .returning({ achievementId: memberAchievement.achievementId });
  const won = new Set(inserted.map((row) => row.achievementId));
  const awarded = met.filter((d) => won.has(d.id));
  for (const d of awarded) {
    if (d.xpReward > 0)
      await awardXp(scope, { memberId, kind: "achievement", sourceId: d.id, amount: d.xpReward });
    await notify(scope, {
      kind: "achievement.earned",
      target: { type: "achievement", id: d.id },
      recipients: [memberId],
      onceKey: `achievement:${d.id}:${memberId}`,
    });
  }
  if (awarded.length > 0)
    await publish(
      scope,
      awarded.map((d) => ({
        kind: "achievement.earned" as const,
        target: { type: "achievement", id: d.id },
        audienceMemberId: memberId,
      })),
    );
  return awarded;
}

/**
 * Awards the member every active achievement whose criteria they meet and have not earned yet,
 * once each. An award's XP can meet another criterion (a level, a rank), so it looks again until
 * a pass awards nothing (each pass awards at least one more, so this ends). Answers the ids
 * awarded by this call.
 */
export async function evaluateAchievements(
  scope: TenantScope,
  memberId: string,
): Promise<string[]> {
  const definitions = await awardableAchievements(scope);
  const awarded: string[] = [];
  for (;;) {
    const pass = await awardPass(scope, memberId, definitions);
    awarded.push(...pass.map((d) => d.id));
    if (!pass.some((d) => d.xpReward > 0)) return awarded;
  }
}

/** How many members earned each achievement (or just `id`). */
export async function earnedCounts(scope: TenantScope, id?: string) {
  const rows = await scope.db
    .select({ achievementId: memberAchievement.achievementId, n: count() })
    .from(memberAchievement)
    .where(
      and(
        eq(memberAchievement.organizationId, scope.organizationId),
        id === undefined ? undefined : eq(memberAchievement.achievementId, id),
      ),
    )
    .groupBy(memberAchievement.achievementId);
  return new Map(rows.map((row) => [row.achievementId, row.n]));
}
