// Leaderboards (issue 12 §3): per organization, for a day, a week, a month (in the
// organization's time zone, weeks from its week_starts_on) or all time, current or past.
//
// They read xp_standing (schema/xp.ts), which holds each member's XP and lessons per period, so
// a board is an index range: the top N in (xp desc, member id) order, and the viewer's rank as
// 1 + the count of standings with more XP (xp_standing_board_idx serves both).
//
// Ranks are standard competition ranking ("1, 2, 2, 4"): members with equal XP share a rank,
// and the next rank counts everyone above. Equal XP is listed by member id, so the order is
// stable across calls. The percentile is the share of the board the member matches or beats:
// 100 × (members with XP ≤ theirs) / (members on the board), so the top is 100 and ties share it.
// A board holds the members who earned or lost XP in the period; one with no events there is not
// on it (rank null). Streak days are each member's current streak (as of now, in their own time
// zone), on past boards too.
import { and, eq, sql, type TenantScope, xpStanding } from "@guild/db";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import type { leaderboardInput } from "../schemas/xp.ts";
import { actingMember } from "./member.ts";
import { peopleById } from "./people.ts";
import { streaksOfMembers } from "./xp-streak.ts";

type LeaderboardInput = z.output<typeof leaderboardInput>;

export interface LeaderboardRow {
  rank: number;
  memberId: string;
  name: string;
  username: string | null;
  avatarUrl: string | null;
  xp: number;
  lessonsCompleted: number;
  streakDays: number;
  percentile: number;
}

/** 100 × (members with XP ≤ this one's) / board size, to two decimals. */
export function percentileOf(rank: number, boardSize: number) {
  return Math.round(((boardSize - rank + 1) / boardSize) * 10_000) / 100;
}

/** Standard competition ranks for rows already in XP-descending order (a board's top N). */
export function competitionRanks(xps: readonly number[]): number[] {
  const ranks: number[] = [];
  xps.forEach((xp, i) => {
    ranks.push(i > 0 && xps[i - 1] === xp ? (ranks[i - 1] ?? i + 1) : i + 1);
  });
  return ranks;
}

/** The period's first and last local day, `offset` periods back, on the organization's clock. */
async function periodOf(scope: TenantScope, input: LeaderboardInput) {
  const [row] = await scope.db.execute<{
    start: string;
    last: string | null;
    time_zone: string;
    week_starts_on: number;
  }>(sql`
    with local as (
      select o.time_zone, o.week_starts_on,
             (${scope.now().toISOString()}::timestamptz at time zone o.time_zone)::date as today
      from organization o where o.id = ${scope.organizationId}
    ), bounds as (
      select time_zone, week_starts_on, case ${input.period}
          when 'daily' then today - ${input.offset}::integer
          when 'weekly' then guild_xp_period_start('weekly', today, week_starts_on)
                             - 7 * ${input.offset}::integer
          when 'monthly' then (date_trunc('month', today)
                               - make_interval(months => ${input.offset}::integer))::date
          else date '1970-01-01' end as start
      from local
    )
    select start::text, case ${input.period}
        when 'daily' then start
        when 'weekly' then start + 6
        when 'monthly' then (start + interval '1 month')::date - 1
        else null end::text as last,
      time_zone, week_starts_on
    from bounds`);
  if (!row) throw new Error("the organization of the scope is missing");
  return {
    start: row.start,
    last: row.last,
    timeZone: row.time_zone,
    weekStartsOn: row.week_starts_on,
  };
}

/** leaderboard.get: the top rows of a period's board, and where the viewer stands on it. */
export async function getLeaderboard(scope: TenantScope, input: LeaderboardInput) {
  const viewer = actingMember(scope).memberId;
  if (input.period === "all_time" && input.offset !== 0)
    throw new AppError("BAD_REQUEST", "All time has no earlier periods", { field: "offset" });
  const period = await periodOf(scope, input);
  const onBoard = and(
    eq(xpStanding.organizationId, scope.organizationId),
    eq(xpStanding.period, input.period),
    eq(xpStanding.periodStart, period.start),
  );
  const top = await scope.db
    .select({ memberId: xpStanding.memberId, xp: xpStanding.xp, lessons: xpStanding.lessons })
    .from(xpStanding)
    .where(onBoard)
    .orderBy(sql`${xpStanding.xp} desc`, xpStanding.memberId)
    .limit(input.limit);
  // The viewer's standing and how many have more XP: their rank is that count + 1.
  const [mine] = await scope.db.execute<{ xp: number; lessons: number; above: number }>(sql`
    select mine.xp, mine.lessons,
      (select count(*) from xp_standing above
        where above.organization_id = mine.organization_id and above.period = mine.period
          and above.period_start = mine.period_start and above.xp > mine.xp)::integer as above
    from xp_standing mine
    where mine.organization_id = ${scope.organizationId} and mine.period = ${input.period}
      and mine.period_start = ${period.start}::date and mine.member_id = ${viewer}::uuid`);
  const [size] = await scope.db
    .select({ count: sql<number>`count(*)::integer` })
    .from(xpStanding)
    .where(onBoard);
  const boardSize = size?.count ?? 0;

  const ids = [...top.map((row) => row.memberId), viewer];
  const [people, streaks] = await Promise.all([
    peopleById(scope, ids),
    streaksOfMembers(scope, ids),
  ]);
  const rowOf = (
    memberId: string,
    standing: { xp: number; lessons: number },
    rank: number,
  ): LeaderboardRow => {
    const person = people.get(memberId);
    return {
      rank,
      memberId,
      name: person?.name ?? "Former member",
      username: person?.username ?? null,
      avatarUrl: person?.avatarUrl ?? null,
      xp: standing.xp,
      lessonsCompleted: standing.lessons,
      streakDays: streaks.get(memberId)?.current ?? 0,
      percentile: percentileOf(rank, boardSize),
    };
  };
  const ranks = competitionRanks(top.map((row) => row.xp));
  return {
    period: input.period,
    offset: input.offset,
    /** The period's first and last local day (null last: all time), in timeZone. */
    startsOn: period.start,
    endsOn: period.last,
    timeZone: period.timeZone,
    weekStartsOn: period.weekStartsOn,
    boardSize,
    rows: top.map((row, i) => rowOf(row.memberId, row, ranks[i] ?? i + 1)),
    /** The viewer's own row, wherever they rank; null when they are not on this board. */
    me: mine ? rowOf(viewer, mine, mine.above + 1) : null,
  };
}
