// XP (issue 12 §3): a ledger and the standings kept from it.
//
// - xp_event: the ledger, append-only. One row per award (or correction: amounts are signed),
//   unique per (member, kind, source id) so an award happens once whoever triggers it and however
//   often: services insert with ON CONFLICT DO NOTHING (services/xp.ts awardXp). Totals are sums
//   of it, so they can always be recomputed and audited.
// - xp_standing: per member and period (day, week, month of the organization's clock, and all
//   time), the XP and lessons of that period: what leaderboards rank and xp.me reads, without
//   summing millions of events per request. It is a cache of the ledger, kept by PostgreSQL
//   itself (migration's statement trigger on xp_event, in the inserting transaction, whoever
//   inserts), and rebuilt from the ledger when the organization changes its time zone or the day
//   its weeks start (the periods move). checkXpStandings compares it with the ledger.
//
// Both are plain tenant tables, not member-owned: a leaderboard reads everyone's standing in the
// organization. Services decide what of it a member sees (totals and ranks, never the events of
// others). A member who leaves takes their XP with them (cascade), as with credits.
import { sql } from "drizzle-orm";
import { check, date, index, integer, text, unique, uuid } from "drizzle-orm/pg-core";
import { xpPeriods, xpSourceKinds } from "../enums/xp.ts";
import { instant, keyedTenantTable, tenantRef, tenantTable, textEnum } from "./helpers.ts";
import { member } from "./organization.ts";

export const xpEvent = tenantTable(
  "xp_event",
  {
    memberId: uuid().notNull(),
    kind: textEnum(xpSourceKinds).notNull(),
    /** What earned it: a lesson's id, a post's id, an adjustment's own id … */
    sourceId: text().notNull(),
    /** Signed: corrections take XP away. */
    amount: integer().notNull(),
    /** When it was earned (the scope's clock): the day, week and month it counts for. */
    occurredAt: instant().notNull(),
  },
  (t) => [
    unique("xp_event_org_member_kind_source_unique").on(
      t.organizationId,
      t.memberId,
      t.kind,
      t.sourceId,
    ),
    tenantRef(t, t.memberId, () => member, { onDelete: "cascade", name: "xp_event_member_fk" }),
    // A member's events in time: streak days, and the standings' rebuild per member.
    index("xp_event_org_member_occurred_idx").on(t.organizationId, t.memberId, t.occurredAt),
    check("xp_event_source_id_check", sql`length(${t.sourceId}) between 1 and 200`),
  ],
);

export const xpStanding = keyedTenantTable(
  "xp_standing",
  {
    period: textEnum(xpPeriods).notNull(),
    /** The period's first day in the organization's time zone; 1970-01-01 for all_time. */
    periodStart: date({ mode: "string" }).notNull(),
    memberId: uuid().notNull(),
    xp: integer().notNull().default(0),
    /** Lesson events in the period: the leaderboard's "lessons completed". */
    lessons: integer().notNull().default(0),
    /**
     * Ledger events in the period. Never 0 on a stored standing, so the trigger's upsert tells a
     * standing it created (events = the statement's own events) from one it moved, whose XP
     * before was xp − the statement's amount: what xp_standing_count moves it from.
     */
    events: integer().notNull().default(0),
  },
  (t) => [t.period, t.periodStart, t.memberId],
  (t) => [
    tenantRef(t, t.memberId, () => member, { onDelete: "cascade", name: "xp_standing_member_fk" }),
    // A board's top N in order: a walk of this index that stops after N.
    index("xp_standing_board_idx").on(
      t.organizationId,
      t.period,
      t.periodStart,
      t.xp.desc(),
      t.memberId,
    ),
  ],
);

/**
 * How many members of a board (organization, period, period start) stand at each XP value: the
 * viewer's rank is 1 + the members at higher values and the board's size all of them, a range of
 * distinct XP values (a few thousand) instead of the board's members (100,000). Kept by the same
 * trigger as xp_standing, in the same statement, so it is exact in every transaction; zero counts
 * are deleted. checkXpStandings compares it with the standings.
 */
export const xpStandingCount = keyedTenantTable(
  "xp_standing_count",
  {
    period: textEnum(xpPeriods).notNull(),
    periodStart: date({ mode: "string" }).notNull(),
    xp: integer().notNull(),
    members: integer().notNull(),
  },
  (t) => [t.period, t.periodStart, t.xp],
  (t) => [
    // The zero counts an award or a removal leaves, for the trigger to delete right away.
    index("xp_standing_count_zero_idx").on(t.organizationId).where(sql`${t.members} = 0`),
  ],
);
