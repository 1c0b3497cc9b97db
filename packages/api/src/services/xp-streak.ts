// Streaks (issue 12 §3): consecutive days with learning activity, in the member's own time zone.
//
// Two halves. PostgreSQL turns a member's learning events into the calendar days they fell on
// where the member lives (`occurred_at AT TIME ZONE zone`, which knows every DST rule), and
// "today" from the scope's clock the same way. This pure function then counts runs of calendar
// days. Days are counted as dates, never as 24-hour spans: a day of 23 or 25 hours (DST) is one
// day, and 23:59 and 00:01 are two.
import {
  learningXpKinds,
  memberProfile,
  organization,
  type SQL,
  sql,
  type TenantScope,
} from "@guild/db";

export interface Streaks {
  /** Consecutive active days ending today, or yesterday (today is not over yet). */
  current: number;
  /** The longest run of consecutive active days ever. */
  longest: number;
  /** The last active day (YYYY-MM-DD), or null. */
  lastActiveDay: string | null;
}

const DAY_MS = 86_400_000;

/** A YYYY-MM-DD calendar date as a day number (days since 1970-01-01): no time zone involved. */
function dayNumber(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/**
 * Current and longest streak from the local dates a member was active (any order, repeats
 * allowed) and today's local date. Days after today (a clock moved back) count for the longest
 * run but not the current one.
 */
export function streaksFromDays(days: readonly string[], today: string): Streaks {
  const sorted = [...new Set(days.map(dayNumber))].sort((a, b) => a - b);
  return streaksFromDayNumbers(sorted, dayNumber(today));
}

/**
 * streaksFromDays on day numbers (days since 1970-01-01), ascending and distinct, as
 * learningDaysOf reads them: a leaderboard computes 51 members' streaks per request, and parsing
 * their dates was a tenth of its server CPU (bench/learning.ts --cpu-prof).
 */
function streaksFromDayNumbers(sorted: readonly number[], today: number): Streaks {
  let longest = 0;
  let run = 0;
  let previous = Number.NaN;
  let current = 0;
  let last: number | null = null;
  for (const day of sorted) {
    run = day === previous + 1 ? run + 1 : 1;
    previous = day;
    longest = Math.max(longest, run);
    // The run reaching today or yesterday is the current one.
    if (day === today || day === today - 1) current = run;
    if (day <= today) last = day;
  }
  return {
    current,
    longest,
    lastActiveDay: last === null ? null : new Date(last * DAY_MS).toISOString().slice(0, 10),
  };
}

/**
 * The SQL for a member's time zone: their profile's, else the organization's (every
 * organization has one, UTC by default).
 */
export function memberTimeZoneSql(memberIdColumn: SQL) {
  return sql`coalesce(
    (select ${memberProfile.timeZone} from ${memberProfile}
      where ${memberProfile.organizationId} = ${organization.id}
        and ${memberProfile.memberId} = ${memberIdColumn}),
    ${organization.timeZone})`;
}

/**
 * Members' learning days (local dates as day numbers, ascending and distinct) and their today,
 * each in their own time zone: one query for a member's page or a leaderboard's rows.
 */
export async function learningDaysOf(scope: TenantScope, memberIds: readonly string[]) {
  if (memberIds.length === 0) return new Map<string, { days: number[]; today: number }>();
  const kinds = sql.join(
    learningXpKinds.map((kind) => sql`${kind}`),
    sql`, `,
  );
  const ids = sql.join(
    memberIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await scope.db.execute<{ member_id: string; days: number[] | null; today: number }>(
    sql`
    with zone as (
      select m.id as member_id, ${memberTimeZoneSql(sql`m.id`)} as tz
      from ${organization}
      cross join unnest(array[${ids}]) as m(id)
      where ${organization.id} = ${scope.organizationId}
    )
    select zone.member_id,
      (select array_agg(d - date '1970-01-01' order by d) from (
         select distinct (e.occurred_at at time zone zone.tz)::date as d
         from xp_event e
         where e.organization_id = ${scope.organizationId} and e.member_id = zone.member_id
           and e.kind in (${kinds})) days) as days,
      ((${scope.now().toISOString()}::timestamptz at time zone zone.tz)::date - date '1970-01-01')
        as today
    from zone`,
  );
  return new Map(rows.map((row) => [row.member_id, { days: row.days ?? [], today: row.today }]));
}

/** Streaks of each of `memberIds`, by member id. */
export async function streaksOfMembers(
  scope: TenantScope,
  memberIds: readonly string[],
): Promise<Map<string, Streaks>> {
  const days = await learningDaysOf(scope, memberIds);
  return new Map(
    [...days].map(([memberId, local]) => [
      memberId,
      streaksFromDayNumbers(local.days, local.today),
    ]),
  );
}

export async function streaksOf(scope: TenantScope, memberId: string): Promise<Streaks> {
  const streaks = (await streaksOfMembers(scope, [memberId])).get(memberId);
  if (!streaks) throw new Error("the organization of the scope is missing");
  return streaks;
}
