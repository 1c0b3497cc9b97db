// Achievements through the procedures and the evaluation job, on a real database: the built-in
// catalog, authoring by admins only (field errors, another organization sees nothing), progress
// measured from real lessons, quizzes, streaks and leaderboard standings, and awards made exactly
// once under concurrent completions and concurrent evaluations, with their XP, notification and
// live event once each.
import {
  and,
  asSystem,
  eq,
  memberAchievement,
  notification,
  sql,
  withTenant,
  xpEvent,
} from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventsAfter } from "../realtime/event-log.ts";
import { evaluateAchievements, progressOf } from "../services/achievement-award.ts";
import { builtInAchievements } from "../services/achievement-catalog.ts";
import { QUIZ_PASS_XP } from "../services/xp.ts";
import { type ApiFixture, codeOf, createCommunityFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acmeId = "";
let persons: Awaited<ReturnType<typeof createCommunityFixture>>["persons"];
let callers: Awaited<ReturnType<typeof createCommunityFixture>>["callers"];
let spaces: Awaited<ReturnType<typeof createCommunityFixture>>["ids"];

const courseFields = { description: "", access: "free" as const, tierIds: [] };
const custom = {
  name: "Three in a row",
  description: "Complete three lessons.",
  icon: "medal" as const,
  category: "Learning",
  rarity: "rare" as const,
  xpReward: 30,
  criteria: { kind: "lessons_completed" as const, count: 3 },
};
const quiz = {
  id: "quiz",
  type: "quiz" as const,
  passScore: 100,
  attemptLimit: null,
  questions: [
    {
      id: "q",
      kind: "single" as const,
      prompt: "Pick b",
      options: [
        { id: "a", text: "A" },
        { id: "b", text: "B" },
      ],
      correctOptionId: "b",
    },
  ],
};

async function publishedCourse(slug: string, lessons: Array<Record<string, unknown>>) {
  const api = callers.moderator;
  const made = await api.course.create({
    spaceId: spaces.public,
    title: slug,
    slug,
    ...courseFields,
  });
  const part = await api.course.createModule({ courseId: made.id, title: "Part 1" });
  const ids: string[] = [];
  for (const [i, fields] of lessons.entries()) {
    const created = await api.lesson.create({ moduleId: part.id, title: `Lesson ${i}`, ...fields });
    await api.lesson.setStatus({ id: created.id, status: "published" });
    ids.push(created.id);
  }
  await api.course.setStatus({ id: made.id, status: "published" });
  return { id: made.id, lessonIds: ids };
}

const asSystemIn = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(fx.db, asSystem(acmeId, "test"), fn);

/** The member's achievement rows, XP events of kind achievement and achievement notifications. */
async function awardsOf(memberId: string) {
  return asSystemIn(async (scope) => ({
    earned: await scope.db
      .select({ id: memberAchievement.achievementId })
      .from(memberAchievement)
      .where(
        and(eq(memberAchievement.organizationId, acmeId), eq(memberAchievement.memberId, memberId)),
      ),
    xp: await scope.db
      .select({ sourceId: xpEvent.sourceId, amount: xpEvent.amount })
      .from(xpEvent)
      .where(
        and(
          eq(xpEvent.organizationId, acmeId),
          eq(xpEvent.memberId, memberId),
          eq(xpEvent.kind, "achievement"),
        ),
      ),
    notified: await scope.db
      .select({ targetId: notification.targetId })
      .from(notification)
      .where(
        and(
          eq(notification.organizationId, acmeId),
          eq(notification.memberId, memberId),
          eq(notification.kind, "achievement.earned"),
        ),
      ),
  }));
}

const idOf = async (key: string) =>
  asSystemIn(async (scope) => {
    const rows = await scope.db.execute<{ id: string }>(
      sql`select id from achievement where organization_id = ${acmeId} and built_in_key = ${key}`,
    );
    const id = rows[0]?.id;
    if (!id) throw new Error(`no built-in ${key}`);
    return id;
  });

beforeAll(async () => {
  ({
    fx,
    acmeId,
    persons,
    callers,
    ids: spaces,
  } = await createCommunityFixture(inject("pgAdminUrl"), {
    type: "course",
    slugs: { public: "academy", private: "staff-academy", paid: "gold-academy" },
  }));
});
afterAll(() => fx.drop());

describe("definitions", () => {
  it("gives every organization the built-in achievements, locked with progress at 0", async () => {
    const mine = await callers.insider.achievement.mine();
    expect(mine.earnedCount).toBe(0);
    expect(mine.items.map((i) => i.name).sort()).toEqual(
      builtInAchievements.map((b) => b.name).sort(),
    );
    const streak = mine.items.find((i) => i.criteria.kind === "streak_days");
    expect(streak?.progress).toEqual({ current: 0, target: 7, met: false });
    // Concurrent first reads make each built-in once.
    await Promise.all([callers.outsider.achievement.mine(), callers.payer.achievement.mine()]);
    const manage = await callers.owner.achievement.manageList();
    expect(manage.filter((a) => a.builtIn)).toHaveLength(builtInAchievements.length);
  });

  it("lets admins author, edit, archive and restore; refuses members and moderators", async () => {
    for (const who of ["insider", "moderator"] as const) {
      expect(await codeOf(callers[who].achievement.create(custom))).toBe("FORBIDDEN");
      expect(await codeOf(callers[who].achievement.manageList())).toBe("FORBIDDEN");
    }
    const made = await callers.owner.achievement.create({ ...custom, name: "Draft badge" });
    expect(made).toMatchObject({ name: "Draft badge", builtIn: false, earnedCount: 0 });
    const edited = await callers.owner.achievement.update({
      id: made.id,
      ...custom,
      name: "Renamed badge",
      rarity: "legendary",
    });
    expect(edited).toMatchObject({ name: "Renamed badge", rarity: "legendary" });
    expect((await callers.owner.achievement.archive({ id: made.id })).archivedAt).not.toBeNull();
    const shown = await callers.insider.achievement.mine();
    expect(shown.items.some((i) => i.id === made.id)).toBe(false);
    expect((await callers.owner.achievement.restore({ id: made.id })).archivedAt).toBeNull();
    expect((await callers.insider.achievement.mine()).items.some((i) => i.id === made.id)).toBe(
      true,
    );
    await callers.owner.achievement.archive({ id: made.id });
  });

  it("answers bad fields on their field and another organization's ids as missing", async () => {
    const bad = await refusalOf(
      callers.owner.achievement.create({
        ...custom,
        name: " ",
        criteria: { kind: "streak_days", days: 0 },
      }),
    );
    expect(bad).toEqual({ code: "BAD_REQUEST", fields: ["name", "criteria"] });
    const unknownKind = await refusalOf(
      callers.owner.achievement.create({
        ...custom,
        // @ts-expect-error: a kind the schema does not know
        criteria: { kind: "posts_written", count: 1 },
      }),
    );
    expect(unknownKind?.fields).toEqual(["criteria"]);
    const first = await idOf("first_lesson");
    expect(await codeOf(callers.stranger.achievement.archive({ id: first }))).toBe("NOT_FOUND");
    expect(
      await codeOf(callers.stranger.achievement.update({ id: first, ...custom, name: "Taken" })),
    ).toBe("NOT_FOUND");
    const theirs = await callers.stranger.achievement.mine();
    expect(theirs.items.some((i) => i.id === first)).toBe(false);
  });
});

describe("awards", () => {
  it("concurrent completions award each achievement once, with its XP, notification and event", async () => {
    const threeLessons = await callers.owner.achievement.create(custom);
    const course = await publishedCourse("three", [{ xpReward: 10 }, {}, { xpReward: 5 }]);
    const api = callers.payer;
    const payer = persons.payer.memberId;
    await api.course.enroll({ id: course.id });
    const [a, b, c] = course.lessonIds as [string, string, string];
    // Three different lessons (and one twice) at once: each transaction sees only its own
    // completion, so only an evaluation after the commits counts all three.
    await Promise.all([
      api.lesson.complete({ id: a }),
      api.lesson.complete({ id: b }),
      api.lesson.complete({ id: c }),
      api.lesson.complete({ id: a }),
    ]);
    await fx.runJobs();
    const [first, graduate] = await Promise.all([idOf("first_lesson"), idOf("first_course")]);
    const expected = [first, graduate, threeLessons.id].sort();
    const awards = await awardsOf(payer);
    // The all-time board holds only the payer and a post author or two: top 10 weekly too.
    const weekly = await idOf("weekly_top_10");
    expect(awards.earned.map((r) => r.id).sort()).toEqual([...expected, weekly].sort());
    expect(awards.xp.map((r) => r.sourceId).sort()).toEqual([...expected, weekly].sort());
    expect(awards.xp.find((r) => r.sourceId === threeLessons.id)?.amount).toBe(30);
    expect(awards.notified.map((r) => r.targetId).sort()).toEqual([...expected, weekly].sort());
    const events = await asSystemIn((scope) => eventsAfter(scope, 0, 1000));
    const earnedEvents = events.filter(
      (e) => e.kind === "achievement.earned" && e.audienceMemberId === payer,
    );
    expect(earnedEvents).toHaveLength(4);
    // Again, and again at once: nothing more.
    await Promise.all([api.lesson.complete({ id: b }), api.lesson.complete({ id: c })]);
    await fx.runJobs();
    const again = await awardsOf(payer);
    expect(again.earned).toHaveLength(4);
    expect(again.xp).toHaveLength(4);
    const mine = await api.achievement.mine();
    const graduated = mine.items.find((i) => i.id === graduate);
    expect(graduated?.earnedAt).toBeInstanceOf(Date);
    expect(graduated?.progress).toBeNull();
  });

  it("concurrent evaluations of a member who meets an achievement award it once", async () => {
    const insider = persons.insider.memberId;
    const course = await publishedCourse("one", [{}]);
    await callers.insider.course.enroll({ id: course.id });
    await callers.insider.lesson.complete({ id: course.lessonIds[0] ?? "" });
    // Before the job runs: eight evaluations race in eight transactions.
    const results = await Promise.all(
      Array.from({ length: 8 }, () => asSystemIn((scope) => evaluateAchievements(scope, insider))),
    );
    const first = await idOf("first_lesson");
    expect(results.filter((ids) => ids.includes(first))).toHaveLength(1);
    await fx.runJobs();
    const awards = await awardsOf(insider);
    expect(awards.earned.filter((r) => r.id === first)).toHaveLength(1);
    expect(awards.xp.filter((r) => r.sourceId === first)).toEqual([
      { sourceId: first, amount: 10 },
    ]);
    expect(awards.notified.filter((r) => r.targetId === first)).toHaveLength(1);
  });

  it("a quiz pass earns its XP once and counts toward quiz achievements", async () => {
    const course = await publishedCourse("quizzes", [{ content: [quiz] }]);
    const api = callers.outsider;
    const outsider = persons.outsider.memberId;
    await api.course.enroll({ id: course.id });
    const lessonId = course.lessonIds[0] ?? "";
    const right = [{ questionId: "q", optionIds: ["b"] }];
    await Promise.all([
      api.lesson.submitQuiz({ lessonId, answers: right }),
      api.lesson.submitQuiz({ lessonId, answers: right }),
    ]);
    await api.lesson.submitQuiz({ lessonId, answers: right });
    const passes = await asSystemIn((scope) =>
      scope.db
        .select({ amount: xpEvent.amount })
        .from(xpEvent)
        .where(
          and(
            eq(xpEvent.organizationId, acmeId),
            eq(xpEvent.memberId, outsider),
            eq(xpEvent.kind, "quiz_pass"),
          ),
        ),
    );
    expect(passes).toEqual([{ amount: QUIZ_PASS_XP }]);
    const progress = await asSystemIn((scope) =>
      progressOf(scope, outsider, [{ kind: "quiz_passes", count: 10 }]),
    );
    expect(progress).toEqual([{ current: 1, target: 10, met: false }]);
  });

  it("measures a streak in days (4 of 7) and a weekly rank against the top", async () => {
    const outsider = persons.outsider.memberId;
    const now = Date.now();
    await asSystemIn(async (scope) => {
      await scope.db
        .delete(xpEvent)
        .where(and(eq(xpEvent.organizationId, acmeId), eq(xpEvent.memberId, outsider)));
      await scope.db.insert(xpEvent).values(
        [0, 1, 2, 3, 9].map((daysAgo) => ({
          organizationId: acmeId,
          memberId: outsider,
          kind: "lesson" as const,
          sourceId: `streak-${daysAgo}`,
          amount: 1,
          occurredAt: new Date(now - daysAgo * 86_400_000),
        })),
      );
    });
    const [streak, rankTop1, rankTop50] =
      (await asSystemIn((scope) =>
        progressOf(scope, outsider, [
          { kind: "streak_days", days: 7 },
          { kind: "leaderboard_rank", period: "weekly", top: 1 },
          { kind: "leaderboard_rank", period: "weekly", top: 50 },
        ]),
      )) ?? [];
    expect(streak).toEqual({ current: 4, target: 7, met: false });
    // The payer leads this week (lessons and achievements): the top 1 needs their XP.
    const payerWeek = await asSystemIn(async (scope) => {
      const rows = await scope.db.execute<{ xp: number }>(
        sql`select max(xp)::integer as xp from xp_standing
            where organization_id = ${acmeId} and period = 'weekly'`,
      );
      return rows[0]?.xp ?? 0;
    });
    expect(rankTop1?.met).toBe(false);
    expect(rankTop1?.target).toBe(payerWeek);
    expect(rankTop50?.met).toBe(true);
    const notMember = await asSystemIn((scope) =>
      progressOf(scope, "00000000-0000-4000-8000-000000000000", [
        { kind: "lessons_completed", count: 1 },
      ]),
    );
    expect(notMember).toBeNull();
  });

  it("an achievement made after a member met it is awarded once they look (or learn) again", async () => {
    const made = await callers.owner.achievement.create({
      ...custom,
      name: "Early bird",
      xpReward: 0,
      criteria: { kind: "lessons_completed", count: 1 },
    });
    const mine = await callers.insider.achievement.mine();
    expect(mine.items.find((i) => i.id === made.id)?.progress).toEqual({
      current: 1,
      target: 1,
      met: true,
    });
    await fx.runJobs();
    const after = await callers.insider.achievement.mine();
    expect(after.items.find((i) => i.id === made.id)?.earnedAt).toBeInstanceOf(Date);
    // Archived: who earned it keeps it; the others no longer see it.
    await callers.owner.achievement.archive({ id: made.id });
    expect((await callers.insider.achievement.mine()).items.some((i) => i.id === made.id)).toBe(
      true,
    );
    expect((await callers.moderator.achievement.mine()).items.some((i) => i.id === made.id)).toBe(
      false,
    );
  });
});
