// XP (issue 12 §3): the ledger's one writer and its reads (schema/xp.ts explains the model).
//
// Whatever earns XP calls awardXp in the transaction that earns it (completing a lesson, passing
// a quiz, writing a post), so the award exists if and only if what earned it does. The ledger's
// unique key (member, kind, source id) makes it once: a second call, a retried request or a
// concurrent trigger finds the row and awards nothing (`awarded: false`). The standings follow in
// the same statement (migration 0062's trigger), and the counts ranks read (0072).
import { and, eq, sql, type TenantScope, type XpSourceKind, xpEvent, xpStanding } from "@guild/db";
import { AppError } from "../errors.ts";
import { levelProgress } from "../schemas/xp-level.ts";
import { queueAchievementCheck } from "./achievement-check.ts";
import { actingMember } from "./member.ts";
import { streaksOf } from "./xp-streak.ts";

/** What a post or a comment earns its author (community activity: small next to a lesson). */
export const COMMUNITY_XP = { post: 5, comment: 2 } as const;

/** What passing a quiz earns, once per member and quiz (besides its lesson's own reward). */
export const QUIZ_PASS_XP = 20;

/** The most one award may add or take away: a guard against a bug's runaway amount. */
export const MAX_XP_AWARD = 100_000;

export interface XpAward {
  memberId: string;
  kind: XpSourceKind;
  /** What earned it (a lesson's id …): with kind and member, the award's identity. */
  sourceId: string;
  /** Signed: only admin_adjustment may take XP away. */
  amount: number;
}

function assertAward(award: XpAward) {
  const { amount, kind } = award;
  const allowed =
    Number.isInteger(amount) &&
    Math.abs(amount) <= MAX_XP_AWARD &&
    (kind === "admin_adjustment" ? amount !== 0 : amount > 0);
  if (!allowed) throw new AppError("BAD_REQUEST", `Not a valid XP amount for ${kind}: ${amount}`);
}

/**
 * Awards XP once per (member, kind, source id), at the scope's clock. `awarded` is false when that
 * award already exists (its amount is not changed: a correction is an admin_adjustment).
 */
export async function awardXp(scope: TenantScope, award: XpAward): Promise<{ awarded: boolean }> {
  assertAward(award);
  const inserted = await scope.db
    .insert(xpEvent)
    .values({
      organizationId: scope.organizationId,
      memberId: award.memberId,
      kind: award.kind,
      sourceId: award.sourceId,
      amount: award.amount,
      occurredAt: scope.now(),
    })
    .onConflictDoNothing({
      target: [xpEvent.organizationId, xpEvent.memberId, xpEvent.kind, xpEvent.sourceId],
    })
    .returning({ id: xpEvent.id });
  // New XP moves levels, streaks and ranks: the member's achievements are looked at again (an
  // achievement's own reward is given by that evaluation, which looks again itself).
  if (inserted.length > 0 && award.kind !== "achievement")
    await queueAchievementCheck(scope, award.memberId);
  return { awarded: inserted.length > 0 };
}

/**
 * A published post's or a new comment's XP for its author, in the transaction that writes it.
 * Once per post or comment (a draft published, edited, unpublished and published again earns
 * once). Deleting it takes nothing back: the ledger records what was earned when, and
 * moderators take back abuse with an admin_adjustment; clawing back on every delete would let
 * a member's level drop for tidying their own posts.
 */
export function awardCommunityXp(
  scope: TenantScope,
  item: { kind: keyof typeof COMMUNITY_XP; id: string; authorMemberId: string },
) {
  return awardXp(scope, {
    memberId: item.authorMemberId,
    kind: item.kind,
    sourceId: item.id,
    amount: COMMUNITY_XP[item.kind],
  });
}

/** A member's total XP and lesson count (their all-time standing; 0 before any award). */
export async function xpTotalOf(scope: TenantScope, memberId: string) {
  const [row] = await scope.db
    .select({ xp: xpStanding.xp, lessons: xpStanding.lessons })
    .from(xpStanding)
    .where(
      and(
        eq(xpStanding.organizationId, scope.organizationId),
        eq(xpStanding.period, "all_time"),
        eq(xpStanding.periodStart, "1970-01-01"),
        eq(xpStanding.memberId, memberId),
      ),
    );
  return { xp: row?.xp ?? 0, lessons: row?.lessons ?? 0 };
}

/** xp.me: the acting member's total, level and progress, and streaks. */
export async function myXp(scope: TenantScope) {
  const { memberId } = actingMember(scope);
  const total = await xpTotalOf(scope, memberId);
  return {
    ...levelProgress(total.xp),
    lessonsCompleted: total.lessons,
    streaks: await streaksOf(scope, memberId),
  };
}

export interface XpStandingMismatch {
  period: string;
  periodStart: string;
  memberId: string;
  /** What the standings table says (null: no row). */
  stored: { xp: number; lessons: number } | null;
  /** What the ledger sums to (null: no events). */
  ledger: { xp: number; lessons: number } | null;
}

/**
 * Compares every standing of the organization with the ledger's sums, in the organization's
 * periods: an empty list means the cache is exact. For audits, tests and after any manual repair.
 */
export async function checkXpStandings(scope: TenantScope): Promise<XpStandingMismatch[]> {
  const rows = await scope.db.execute<{
    period: string;
    period_start: string;
    member_id: string;
    stored_xp: number | null;
    stored_lessons: number | null;
    ledger_xp: number | null;
    ledger_lessons: number | null;
  }>(sql`
    with ledger as (
      select p.period,
             guild_xp_period_start(p.period, (e.occurred_at at time zone o.time_zone)::date,
                                   o.week_starts_on) as period_start,
             e.member_id, sum(e.amount)::integer as xp,
             (count(*) filter (where e.kind = 'lesson'))::integer as lessons
      from xp_event e
      join organization o on o.id = e.organization_id
      cross join unnest(array['daily', 'weekly', 'monthly', 'all_time']) as p(period)
      where e.organization_id = ${scope.organizationId}
      group by 1, 2, 3
    ), stored as (
      select period, period_start, member_id, xp, lessons from xp_standing
      where organization_id = ${scope.organizationId}
    )
    select coalesce(s.period, l.period) as period,
           coalesce(s.period_start, l.period_start)::text as period_start,
           coalesce(s.member_id, l.member_id) as member_id,
           s.xp as stored_xp, s.lessons as stored_lessons,
           l.xp as ledger_xp, l.lessons as ledger_lessons
    from stored s
    full join ledger l using (period, period_start, member_id)
    where s.xp is distinct from l.xp or s.lessons is distinct from l.lessons
    order by 1, 2, 3`);
  return rows.map((row) => ({
    period: row.period,
    periodStart: row.period_start,
    memberId: row.member_id,
    stored: row.stored_xp === null ? null : { xp: row.stored_xp, lessons: row.stored_lessons ?? 0 },
    ledger: row.ledger_xp === null ? null : { xp: row.ledger_xp, lessons: row.ledger_lessons ?? 0 },
  }));
}

export interface XpStandingCountMismatch {
  period: string;
  periodStart: string;
  xp: number;
  /** What xp_standing_count says (0: no row). */
  stored: number;
  /** How many standings of the board are at this XP. */
  standings: number;
}

/**
 * Compares the organization's counts per board and XP value (xp_standing_count, what ranks and
 * board sizes read) with its standings: an empty list means they are exact. A stored zero is a
 * mismatch too (the triggers delete them).
 */
export async function checkXpStandingCounts(
  scope: TenantScope,
): Promise<XpStandingCountMismatch[]> {
  const rows = await scope.db.execute<{
    period: string;
    period_start: string;
    xp: number;
    stored: number | null;
    standings: number | null;
  }>(sql`
    with standings as (
      select period, period_start, xp, count(*)::integer as members from xp_standing
      where organization_id = ${scope.organizationId}
      group by 1, 2, 3
    ), stored as (
      select period, period_start, xp, members from xp_standing_count
      where organization_id = ${scope.organizationId}
    )
    select period, period_start::text, xp, s.members as stored, t.members as standings
    from stored s
    full join standings t using (period, period_start, xp)
    where s.members is distinct from t.members
    order by 1, 2, 3`);
  return rows.map((row) => ({
    period: row.period,
    periodStart: row.period_start,
    xp: row.xp,
    stored: row.stored ?? 0,
    standings: row.standings ?? 0,
  }));
}
