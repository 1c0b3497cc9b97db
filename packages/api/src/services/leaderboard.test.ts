// Leaderboards against a brute-force reference: random XP events (a seeded PRNG, so a failure
// replays) in an organization on Los Angeles time with weeks from Sunday; every board (day, week,
// month, all time; current and past) must list the same members, XP, lessons, standard
// competition ranks ("1, 2, 2, 4") and percentiles as the reference computes from the raw events
// with its own calendar (Intl), and every viewer's own rank must match, in the top or not.
// Ranks and sizes read xp_standing_count: it must stay exact through a bulk insert, concurrent
// awards (many transactions at once, on the same XP values) and a member leaving.
import {
  and,
  asSystem,
  type Clock,
  eq,
  member,
  organization,
  type TenantScope,
  withTenant,
  type XpPeriod,
  type XpSourceKind,
  xpEvent,
} from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, memberActor } from "../testing.ts";
import { competitionRanks, getLeaderboard, percentileOf } from "./leaderboard.ts";
import { awardXp, checkXpStandingCounts, checkXpStandings } from "./xp.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
const memberIds: string[] = [];

const TIME_ZONE = "America/Los_Angeles";
/** 10:00 UTC: Wednesday 17 June 2026, 03:00 in Los Angeles. */
const NOW = "2026-06-17T10:00:00Z";
const clock: Clock = { now: () => new Date(NOW), toDatabase: (t) => t };

/** mulberry32: a small seeded PRNG. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RawEvent {
  memberId: string;
  kind: XpSourceKind;
  amount: number;
  occurredAt: Date;
}
const events: RawEvent[] = [];
const system = <T>(fn: (scope: TenantScope) => Promise<T>) =>
  withTenant(fx.db, asSystem(acme.org.id, "test", clock), fn);

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member"]);
  await fx.db
    .update(organization)
    .set({ timeZone: TIME_ZONE, weekStartsOn: 7 })
    .where(eq(organization.id, acme.org.id));
  for (let i = 0; i < 20; i += 1)
    memberIds.push((await fx.addMember(acme.org.id, "member")).memberId);
  const random = prng(12);
  const kinds: XpSourceKind[] = ["lesson", "quiz_pass", "post", "comment", "admin_adjustment"];
  const from = Date.parse("2026-04-20T00:00:00Z");
  const span = Date.parse(NOW) - from;
  for (let i = 0; i < 400; i += 1) {
    const kind = kinds[Math.floor(random() * kinds.length)] ?? "lesson";
    events.push({
      // A few members earn most: long tails and many ties at small totals.
      memberId: memberIds[Math.floor(random() ** 2 * memberIds.length)] ?? "",
      kind,
      amount: kind === "admin_adjustment" ? -5 : ([5, 10, 20][Math.floor(random() * 3)] ?? 5),
      occurredAt: new Date(from + Math.floor(random() * span)),
    });
  }
  // One statement for them all: the standings' trigger groups a bulk insert.
  await fx.db.insert(xpEvent).values(
    events.map((e, i) => ({
      organizationId: acme.org.id,
      memberId: e.memberId,
      kind: e.kind,
      sourceId: `random-${i}`,
      amount: e.amount,
      occurredAt: e.occurredAt,
    })),
  );
});
afterAll(() => fx.drop());

const asMember = <T>(memberId: string, fn: (scope: TenantScope) => Promise<T>) => {
  const actor = memberActor(memberId);
  return withTenant(fx.db, { organizationId: acme.org.id, actor, clock }, fn);
};

// The reference calendar: Intl's time zone data, day arithmetic on UTC dates.
const localDay = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(at);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
function periodStart(period: XpPeriod, day: string) {
  if (period === "daily") return day;
  if (period === "monthly") return `${day.slice(0, 7)}-01`;
  if (period === "all_time") return "1970-01-01";
  const isoDay = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
  return addDays(day, -((isoDay - 7 + 7) % 7)); // weeks from Sunday (7)
}
function boardStart(period: XpPeriod, offset: number) {
  const today = localDay(new Date(NOW));
  if (period === "daily") return addDays(today, -offset);
  if (period === "weekly") return addDays(periodStart("weekly", today), -7 * offset);
  if (period === "monthly") {
    const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - offset);
    return d.toISOString().slice(0, 10);
  }
  return "1970-01-01";
}

/** The board from the raw events: sums per member, sorted, ranked 1 + (members with more XP). */
function referenceBoard(period: XpPeriod, offset: number) {
  const start = boardStart(period, offset);
  const sums = new Map<string, { xp: number; lessons: number }>();
  for (const e of events) {
    if (periodStart(period, localDay(e.occurredAt)) !== start) continue;
    const sum = sums.get(e.memberId) ?? { xp: 0, lessons: 0 };
    sum.xp += e.amount;
    if (e.kind === "lesson") sum.lessons += 1;
    sums.set(e.memberId, sum);
  }
  const all = [...sums].map(([memberId, s]) => ({ memberId, ...s }));
  const rows = all.map((row) => {
    const rank = 1 + all.filter((other) => other.xp > row.xp).length;
    const atOrBelow = all.filter((other) => other.xp <= row.xp).length;
    return { ...row, rank, percentile: Math.round((atOrBelow / all.length) * 10_000) / 100 };
  });
  rows.sort((a, b) => b.xp - a.xp || (a.memberId < b.memberId ? -1 : 1));
  return { start, rows };
}

const boards: [XpPeriod, number][] = [
  ["daily", 0],
  ["daily", 1],
  ["daily", 6],
  ["weekly", 0],
  ["weekly", 1],
  ["weekly", 4],
  ["monthly", 0],
  ["monthly", 1],
  ["monthly", 2],
  ["all_time", 0],
];

describe("leaderboards", () => {
  it("keep the standings equal to the ledger after a bulk insert", async () => {
    expect(await system(checkXpStandings)).toEqual([]);
    expect(await system(checkXpStandingCounts)).toEqual([]);
  });

  it("keep the counts exact under concurrent awards on the same XP values", async () => {
    // 120 awards, each in its own transaction, all started at once: several to one member
    // (queued on their standing) and many moving members through the same few values (queued on
    // those counts). None may fail and no count may be lost.
    const random = prng(34);
    const awards = Array.from({ length: 120 }, (_, i) => ({
      memberId: memberIds[Math.floor(random() * memberIds.length)] ?? "",
      kind: "quiz_pass" as const,
      sourceId: `concurrent-${i}`,
      amount: [5, 10][Math.floor(random() * 2)] ?? 5,
    }));
    const results = await Promise.all(awards.map((award) => system((s) => awardXp(s, award))));
    expect(results.every((r) => r.awarded)).toBe(true);
    for (const award of awards)
      events.push({ ...award, kind: award.kind, occurredAt: new Date(NOW) });
    expect(await system(checkXpStandings)).toEqual([]);
    expect(await system(checkXpStandingCounts)).toEqual([]);
  });

  it("match the brute-force reference on every board, ties included", async () => {
    let ties = 0;
    for (const [period, offset] of boards) {
      const reference = referenceBoard(period, offset);
      const board = await asMember(memberIds[0] ?? "", (s) =>
        getLeaderboard(s, { period, offset, limit: 100 }),
      );
      const label = `${period} −${offset}`;
      expect([label, board.startsOn]).toEqual([label, reference.start]);
      expect([label, board.boardSize]).toEqual([label, reference.rows.length]);
      expect([
        label,
        board.rows.map(({ memberId, xp, lessonsCompleted, rank, percentile }) => ({
          memberId,
          xp,
          lessons: lessonsCompleted,
          rank,
          percentile,
        })),
      ]).toEqual([label, reference.rows]);
      ties += reference.rows.filter(
        (row, i) => i > 0 && reference.rows[i - 1]?.xp === row.xp,
      ).length;
    }
    // The random data must exercise ties, or the test proves less than it says.
    expect(ties).toBeGreaterThan(5);
  });

  it("give every viewer their own rank, in the top N or far below it", async () => {
    for (const [period, offset] of [
      ["weekly", 0],
      ["monthly", 1],
      ["all_time", 0],
    ] as const) {
      const reference = referenceBoard(period, offset);
      for (const memberId of memberIds) {
        const board = await asMember(memberId, (s) =>
          getLeaderboard(s, { period, offset, limit: 3 }),
        );
        expect(board.rows.length).toBeLessThanOrEqual(3);
        const expected = reference.rows.find((row) => row.memberId === memberId);
        expect([period, memberId, board.me && { rank: board.me.rank, xp: board.me.xp }]).toEqual([
          period,
          memberId,
          expected ? { rank: expected.rank, xp: expected.xp } : null,
        ]);
        if (expected) expect(board.me?.percentile).toBe(expected.percentile);
      }
    }
  });

  it("keep the counts exact when a member leaves", async () => {
    const leaver = memberIds.pop() ?? "";
    await fx.db
      .delete(member)
      .where(and(eq(member.organizationId, acme.org.id), eq(member.id, leaver)));
    events.splice(0, events.length, ...events.filter((e) => e.memberId !== leaver));
    expect(await system(checkXpStandingCounts)).toEqual([]);
    for (const period of ["daily", "weekly", "all_time"] as const) {
      const reference = referenceBoard(period, 0);
      const board = await asMember(memberIds[0] ?? "", (s) =>
        getLeaderboard(s, { period, offset: 0, limit: 100 }),
      );
      expect([period, board.boardSize, board.rows.map((row) => row.rank)]).toEqual([
        period,
        reference.rows.length,
        reference.rows.map((row) => row.rank),
      ]);
    }
  });

  it("say the period's days, and refuse an earlier all time", async () => {
    // Wednesday 17 June 03:00 in Los Angeles: the week from Sunday the 14th to Saturday the 20th.
    const week = await asMember(memberIds[0] ?? "", (s) =>
      getLeaderboard(s, { period: "weekly", offset: 1, limit: 1 }),
    );
    expect(week).toMatchObject({
      startsOn: "2026-06-07",
      endsOn: "2026-06-13",
      timeZone: TIME_ZONE,
      weekStartsOn: 7,
    });
    const month = await asMember(memberIds[0] ?? "", (s) =>
      getLeaderboard(s, { period: "monthly", offset: 4, limit: 1 }),
    );
    expect(month).toMatchObject({ startsOn: "2026-02-01", endsOn: "2026-02-28", boardSize: 0 });
    await expect(
      asMember(memberIds[0] ?? "", (s) =>
        getLeaderboard(s, { period: "all_time", offset: 1, limit: 1 }),
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", field: "offset" });
  });
});

describe("ranking helpers", () => {
  it("rank with ties as 1, 2, 2, 4 and give the top 100%", () => {
    expect(competitionRanks([50, 40, 40, 10, 10, 10, 5])).toEqual([1, 2, 2, 4, 4, 4, 7]);
    expect(competitionRanks([])).toEqual([]);
    expect([percentileOf(1, 4), percentileOf(2, 4), percentileOf(4, 4)]).toEqual([100, 75, 25]);
    expect(percentileOf(1, 1)).toBe(100);
    expect(percentileOf(2, 3)).toBe(66.67);
  });
});
