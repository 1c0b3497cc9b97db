// The XP ledger against real PostgreSQL: an award happens once however often and however
// concurrently it is triggered, the standings (the leaderboards' cache) equal the ledger's sums in
// the organization's periods, and follow when the organization moves its clock or its week;
// streaks count local calendar days across DST and midnight, on a clock the test sets.
import {
  asSystem,
  type Clock,
  eq,
  memberProfile,
  organization,
  sql,
  type TenantScope,
  withTenant,
  xpEvent,
  xpStanding,
} from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, memberActor } from "../testing.ts";
import { awardXp, checkXpStandingCounts, checkXpStandings, myXp } from "./xp.ts";
import { streaksFromDays, streaksOf } from "./xp-streak.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member"]);
});
afterAll(() => fx.drop());

/** A clock stopped at `iso`: what the scope's now() answers. */
const at = (iso: string): Clock => ({ now: () => new Date(iso), toDatabase: (t) => t });

const system = <T>(iso: string, fn: (scope: TenantScope) => Promise<T>) =>
  withTenant(fx.db, asSystem(acme.org.id, "test", at(iso)), fn);

const asMember = <T>(memberId: string, iso: string, fn: (scope: TenantScope) => Promise<T>) => {
  const actor = memberActor(memberId);
  return withTenant(fx.db, { organizationId: acme.org.id, actor, clock: at(iso) }, fn);
};

const newMember = async () => (await fx.addMember(acme.org.id, "member")).memberId;

async function standingsOf(memberId: string) {
  const rows = await fx.db
    .select({
      period: xpStanding.period,
      periodStart: xpStanding.periodStart,
      xp: xpStanding.xp,
      lessons: xpStanding.lessons,
    })
    .from(xpStanding)
    .where(eq(xpStanding.memberId, memberId))
    .orderBy(xpStanding.period, xpStanding.periodStart);
  return rows;
}

describe("awardXp", () => {
  it("awards once per member, kind and source", async () => {
    const memberId = await newMember();
    const award = { memberId, kind: "lesson" as const, sourceId: "lesson-1", amount: 50 };
    expect(await system("2026-06-10T12:00:00Z", (s) => awardXp(s, award))).toEqual({
      awarded: true,
    });
    expect(
      await system("2026-06-11T12:00:00Z", (s) => awardXp(s, { ...award, amount: 80 })),
    ).toEqual({ awarded: false });
    // Another kind with the same source id is another award.
    expect(
      await system("2026-06-11T12:00:00Z", (s) =>
        awardXp(s, { ...award, kind: "quiz_pass", amount: 20 }),
      ),
    ).toEqual({ awarded: true });
    const me = await asMember(memberId, "2026-06-11T13:00:00Z", myXp);
    expect(me).toMatchObject({ xp: 70, level: 1, lessonsCompleted: 1, xpToNextLevel: 2930 });
  });

  it("awards once under concurrent triggers, and the standings count it once", async () => {
    const memberId = await newMember();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        system("2026-06-10T12:00:00Z", (s) =>
          awardXp(s, { memberId, kind: "lesson", sourceId: "race", amount: 40 }),
        ),
      ),
    );
    expect(results.filter((r) => r.awarded)).toHaveLength(1);
    const rows = await fx.db.select().from(xpEvent).where(eq(xpEvent.memberId, memberId));
    expect(rows).toHaveLength(1);
    expect((await standingsOf(memberId)).map((s) => s.xp)).toEqual([40, 40, 40, 40]);
  });

  it("refuses amounts that are not whole, of the wrong sign, or runaway", async () => {
    const memberId = await newMember();
    for (const [kind, amount] of [
      ["lesson", -5],
      ["lesson", 0],
      ["post", 1.5],
      ["admin_adjustment", 0],
      ["admin_adjustment", 10_000_000],
    ] as const) {
      await expect(
        system("2026-06-10T12:00:00Z", (s) =>
          awardXp(s, { memberId, kind, sourceId: "x", amount }),
        ),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(
      await system("2026-06-10T12:00:00Z", (s) =>
        awardXp(s, { memberId, kind: "admin_adjustment", sourceId: "fix-1", amount: -30 }),
      ),
    ).toEqual({ awarded: true });
    expect(await asMember(memberId, "2026-06-10T12:00:00Z", myXp)).toMatchObject({
      xp: -30,
      level: 1,
      xpIntoLevel: 0,
    });
  });

  it("keeps the ledger append-only", async () => {
    const memberId = await newMember();
    await system("2026-06-10T12:00:00Z", (s) =>
      awardXp(s, { memberId, kind: "post", sourceId: "p1", amount: 5 }),
    );
    await expect(
      system("2026-06-10T12:00:00Z", (s) =>
        s.db.update(xpEvent).set({ amount: 500 }).where(eq(xpEvent.memberId, memberId)),
      ),
    ).rejects.toThrow();
  });
});

describe("community XP", () => {
  it("awards a published post and a comment once, in their transaction, and keeps it on delete", async () => {
    const owner = await acme.owner.caller("acme");
    const writer = await fx.addMember(acme.org.id, "member");
    const caller = await writer.caller("acme");
    const space = await owner.space.create({
      name: "Talk",
      slug: "talk",
      type: "discussion",
      visibility: "public",
      tierIds: [],
      description: "",
      icon: "",
      section: "",
    });
    const fields = {
      spaceId: space.id,
      title: "Hi",
      body: "Hello",
      type: "discussion" as const,
      tags: [],
    };
    const xpOf = () => asMember(writer.memberId, "2026-06-10T12:00:00Z", myXp);

    const draft = await caller.post.create({ ...fields, publish: false });
    expect((await xpOf()).xp).toBe(0);
    await caller.post.update({ ...fields, id: draft.id, publish: true });
    await caller.post.update({ ...fields, id: draft.id, body: "Edited", publish: true });
    const published = await caller.post.create({ ...fields, publish: true });
    await caller.comment.create({ postId: published.id, body: "First!" });
    expect((await xpOf()).xp).toBe(5 + 5 + 2);

    await caller.post.remove({ id: published.id });
    expect((await xpOf()).xp).toBe(12);
    // A refused write awards nothing: its transaction rolled back.
    const stranger = await (await fx.signUp()).caller("acme");
    await expect(stranger.post.create({ ...fields, publish: true })).rejects.toThrow();
    expect(await system("2026-06-10T12:00:00Z", checkXpStandings)).toEqual([]);
    expect(await system("2026-06-10T12:00:00Z", checkXpStandingCounts)).toEqual([]);
  });
});

describe("standings", () => {
  it("count each award in its day, week and month of the organization's clock", async () => {
    await fx.db
      .update(organization)
      .set({ timeZone: "America/New_York" })
      .where(eq(organization.id, acme.org.id));
    const memberId = await newMember();
    // Monday 2026-06-01 02:00 UTC is Sunday 31 May 22:00 in New York: May's last day, and (weeks
    // from Monday) the week of Monday 25 May.
    await system("2026-06-01T02:00:00Z", (s) =>
      awardXp(s, { memberId, kind: "lesson", sourceId: "l1", amount: 100 }),
    );
    await system("2026-06-01T14:00:00Z", (s) =>
      awardXp(s, { memberId, kind: "comment", sourceId: "c1", amount: 2 }),
    );
    expect(await standingsOf(memberId)).toEqual([
      { period: "all_time", periodStart: "1970-01-01", xp: 102, lessons: 1 },
      { period: "daily", periodStart: "2026-05-31", xp: 100, lessons: 1 },
      { period: "daily", periodStart: "2026-06-01", xp: 2, lessons: 0 },
      { period: "monthly", periodStart: "2026-05-01", xp: 100, lessons: 1 },
      { period: "monthly", periodStart: "2026-06-01", xp: 2, lessons: 0 },
      { period: "weekly", periodStart: "2026-05-25", xp: 100, lessons: 1 },
      { period: "weekly", periodStart: "2026-06-01", xp: 2, lessons: 0 },
    ]);

    // Weeks from Sunday, and the clock of Tokyo: the periods are rebuilt from the ledger.
    await system("2026-06-02T00:00:00Z", (s) =>
      s.db
        .update(organization)
        .set({ timeZone: "Asia/Tokyo", weekStartsOn: 7 })
        .where(eq(organization.id, acme.org.id)),
    );
    expect(await standingsOf(memberId)).toEqual([
      { period: "all_time", periodStart: "1970-01-01", xp: 102, lessons: 1 },
      { period: "daily", periodStart: "2026-06-01", xp: 102, lessons: 1 },
      { period: "monthly", periodStart: "2026-06-01", xp: 102, lessons: 1 },
      { period: "weekly", periodStart: "2026-05-31", xp: 102, lessons: 1 },
    ]);
    expect(await system("2026-06-02T00:00:00Z", checkXpStandings)).toEqual([]);
    expect(await system("2026-06-02T00:00:00Z", checkXpStandingCounts)).toEqual([]);
    await fx.db
      .update(organization)
      .set({ timeZone: "UTC", weekStartsOn: 1 })
      .where(eq(organization.id, acme.org.id));
  });

  it("are checked against the ledger: a drifted standing is reported", async () => {
    const memberId = await newMember();
    await system("2026-06-10T12:00:00Z", (s) =>
      awardXp(s, { memberId, kind: "lesson", sourceId: "l1", amount: 10 }),
    );
    await fx.db.execute(
      sql`update xp_standing set xp = 11 where member_id = ${memberId} and period = 'daily'`,
    );
    expect(await system("2026-06-10T12:00:00Z", checkXpStandings)).toEqual([
      {
        period: "daily",
        periodStart: "2026-06-10",
        memberId,
        stored: { xp: 11, lessons: 1 },
        ledger: { xp: 10, lessons: 1 },
      },
    ]);
    await fx.db.execute(
      sql`update xp_standing set xp = 10 where member_id = ${memberId} and period = 'daily'`,
    );
  });
});

describe("streaksFromDays", () => {
  it("counts runs of calendar days, current ending today or yesterday", () => {
    expect(streaksFromDays([], "2026-03-10")).toEqual({
      current: 0,
      longest: 0,
      lastActiveDay: null,
    });
    expect(streaksFromDays(["2026-03-10"], "2026-03-10")).toMatchObject({ current: 1, longest: 1 });
    // Today not yet active: yesterday's run still stands.
    expect(streaksFromDays(["2026-03-08", "2026-03-09"], "2026-03-10")).toMatchObject({
      current: 2,
      longest: 2,
    });
    // Two days ago: broken.
    expect(streaksFromDays(["2026-03-07", "2026-03-08"], "2026-03-10")).toMatchObject({
      current: 0,
      longest: 2,
      lastActiveDay: "2026-03-08",
    });
    expect(
      streaksFromDays(
        ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-03", "2026-03-04", "2026-03-04"],
        "2026-03-04",
      ),
    ).toEqual({ current: 2, longest: 3, lastActiveDay: "2026-03-04" });
    // Across a year's end and a leap day.
    expect(
      streaksFromDays(
        ["2027-12-31", "2028-01-01", "2028-02-28", "2028-02-29", "2028-03-01"],
        "2028-03-02",
      ),
    ).toMatchObject({ current: 3, longest: 3 });
  });
});

describe("streaks in the member's time zone", () => {
  it("counts local days across a DST change and midnight", async () => {
    const memberId = await newMember();
    await fx.db
      .update(memberProfile)
      .set({ timeZone: "America/New_York" })
      .where(eq(memberProfile.memberId, memberId));
    const learn = (iso: string, sourceId: string) =>
      system(iso, (s) => awardXp(s, { memberId, kind: "lesson", sourceId, amount: 10 }));
    // New York springs forward on Sunday 8 March 2026 (02:00 EST → 03:00 EDT): a 23-hour day.
    await learn("2026-03-07T04:30:00Z", "a"); // Fri 6 Mar 23:30 EST
    await learn("2026-03-07T05:30:00Z", "b"); // Sat 7 Mar 00:30 EST: the next day, an hour later
    await learn("2026-03-09T03:59:00Z", "c"); // Sun 8 Mar 23:59 EDT (UTC: already the 9th)
    await learn("2026-03-09T04:01:00Z", "d"); // Mon 9 Mar 00:01 EDT
    // A post is not learning: it keeps no streak alive.
    await system("2026-03-10T15:00:00Z", (s) =>
      awardXp(s, { memberId, kind: "post", sourceId: "p", amount: 5 }),
    );

    // Tuesday 10 March 23:00 in New York (UTC: the 11th): yesterday was active, so 4 days.
    expect(await asMember(memberId, "2026-03-11T03:00:00Z", (s) => streaksOf(s, memberId))).toEqual(
      { current: 4, longest: 4, lastActiveDay: "2026-03-09" },
    );
    // Wednesday 11 March 00:30 in New York: Monday is two days ago, the streak is broken.
    expect(
      await asMember(memberId, "2026-03-11T04:30:00Z", (s) => streaksOf(s, memberId)),
    ).toMatchObject({ current: 0, longest: 4 });

    // In UTC the same events fall on the 7th, 7th, 9th and 9th: a gap on the 8th.
    await fx.db
      .update(memberProfile)
      .set({ timeZone: "UTC" })
      .where(eq(memberProfile.memberId, memberId));
    expect(await asMember(memberId, "2026-03-09T12:00:00Z", (s) => streaksOf(s, memberId))).toEqual(
      { current: 1, longest: 1, lastActiveDay: "2026-03-09" },
    );
  });

  it("falls back to the organization's time zone, and counts a 25-hour day once", async () => {
    const memberId = await newMember();
    await fx.db
      .update(organization)
      .set({ timeZone: "Europe/Paris" })
      .where(eq(organization.id, acme.org.id));
    // Paris falls back on Sunday 25 October 2026 (03:00 CEST → 02:00 CET): a 25-hour day.
    const learn = (iso: string, sourceId: string) =>
      system(iso, (s) => awardXp(s, { memberId, kind: "quiz_pass", sourceId, amount: 10 }));
    await learn("2026-10-24T22:30:00Z", "a"); // Sun 25 Oct 00:30 CEST
    await learn("2026-10-25T22:30:00Z", "b"); // Sun 25 Oct 23:30 CET: the same long day
    await learn("2026-10-25T23:30:00Z", "c"); // Mon 26 Oct 00:30 CET
    expect(await asMember(memberId, "2026-10-26T12:00:00Z", (s) => streaksOf(s, memberId))).toEqual(
      { current: 2, longest: 2, lastActiveDay: "2026-10-26" },
    );
    await fx.db
      .update(organization)
      .set({ timeZone: "UTC" })
      .where(eq(organization.id, acme.org.id));
  });
});
