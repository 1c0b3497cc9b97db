// Leaderboards (issue 12 §3): per organization, for a day, a week, a month (in the
// organization's time zone, weeks from its week_starts_on) or all time, current or past.
//
// They read xp_standing (schema/xp.ts), which holds each member's XP and lessons per period, so
// a board's top N is an index range in (xp desc, member id) order; and xp_standing_count, the
// members at each XP value, so the viewer's rank (1 + the members with more XP) and the board's
// size are a sum over the board's distinct XP values, not a count of its members.
//
// Ranks are standard competition ranking ("1, 2, 2, 4"): members with equal XP share a rank,
// and the next rank counts everyone above. Equal XP is listed by member id, so the order is
// stable across calls. The percentile is the share of the board the member matches or beats:
// 100 × (members with XP ≤ theirs) / (members on the board), so the top is 100 and ties share it.
// A board holds the members who earned or lost XP in the period; one with no events there is not
// on it (rank null). Streak days are each member's current streak (as of now, in their own time
// zone), on past boards too.
import { sql, type TenantScope, type XpPeriod } from "@guild/db";
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

/**
 * The board's top `limit` standings, by XP then member id: a forward walk of
 * xp_standing_board_idx that stops after `limit` rows (leaderboard-plan.test.ts holds it to that).
 * "nulls last" as the index is declared: xp is never null, but without it the planner does not
 * see that the index gives this order, and sorts the whole board instead.
 */
export function boardTopQuery(scope: TenantScope, period: XpPeriod, start: string, limit: number) {
  return sql`
    select member_id, xp, lessons from xp_standing
    where organization_id = ${scope.organizationId} and period = ${period}
      and period_start = ${start}::date
    order by xp desc nulls last, member_id
    limit ${limit}`;
}

/**
 * The board's size, the viewer's standing (null xp: not on the board) and how many have more XP
 * (their rank is that count + 1), from xp_standing_count: one pass over the board's distinct XP
 * values (a few thousand at most), whatever the number of members on it.
 */
export function viewerStandingQuery(
  scope: TenantScope,
  period: XpPeriod,
  start: string,
  memberId: string,
) {
  return sql`
    with mine as (
      select xp, lessons from xp_standing
      where organization_id = ${scope.organizationId} and period = ${period}
        and period_start = ${start}::date and member_id = ${memberId}::uuid
    )
    select (select xp from mine) as xp, (select lessons from mine) as lessons,
      coalesce(sum(board.members), 0)::integer as size,
      coalesce(sum(board.members) filter (where board.xp > (select xp from mine)), 0)::integer
        as above
    from xp_standing_count board
    where board.organization_id = ${scope.organizationId} and board.period = ${period}
      and board.period_start = ${start}::date`;
}

/** leaderboard.get: the top rows of a period's board, and where the viewer stands on it. */
export async function getLeaderboard(scope: TenantScope, input: LeaderboardInput) {
  const viewer = actingMember(scope).memberId;
  if (input.period === "all_time" && input.offset !== 0)
    throw new AppError("BAD_REQUEST", "All time has no earlier periods", { field: "offset" });
  const period = await periodOf(scope, input);
  const top = await scope.db.execute<{ member_id: string; xp: number; lessons: number }>(
    boardTopQuery(scope, input.period, period.start, input.limit),
  );
  const [standing] = await scope.db.execute<{
    xp: number | null;
    lessons: number | null;
    size: number;
    above: number;
  }>(viewerStandingQuery(scope, input.period, period.start, viewer));
  const boardSize = standing?.size ?? 0;

  const ids = [...top.map((row) => row.member_id), viewer];
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
    rows: top.map((row, i) => rowOf(row.member_id, row, ranks[i] ?? i + 1)),
    /** The viewer's own row, wherever they rank; null when they are not on this board. */
    me:
      standing && standing.xp !== null
        ? rowOf(viewer, { xp: standing.xp, lessons: standing.lessons ?? 0 }, standing.above + 1)
        : null,
  };
}
