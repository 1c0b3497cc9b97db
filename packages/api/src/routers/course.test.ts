// Courses, lessons and quizzes through the procedures, on a real database: who authors (and who
// may not), who sees a course in a public, private and paid course space (and another
// organization), locks enforced on the server (enrollment, prerequisite, tier, grant, drip with a
// moved clock), quiz answers absent from every member answer before submission, grading,
// attempt limits, best and last scores, completions counted once under concurrency, time caps,
// resume and percent complete, duplication, and billing's course allowance.
import { asSystem, createTestClock, sql, type TestClock, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCaller } from "../index.ts";
import { xpTotalOf } from "../services/xp.ts";
import {
  type ApiFixture,
  codeOf,
  communityPeople,
  communitySees,
  createCommunityFixture,
  refusalOf,
} from "../testing.ts";

let fx: ApiFixture;
const people = communityPeople;
let persons: Awaited<ReturnType<typeof createCommunityFixture>>["persons"];
let callers: Awaited<ReturnType<typeof createCommunityFixture>>["callers"];
let spaces: Awaited<ReturnType<typeof createCommunityFixture>>["ids"];
let goldId = "";
let acmeId = "";

const spaceFields = { description: "", icon: "", type: "course" as const, section: "" };
const courseFields = { description: "", access: "free" as const, tierIds: [] };

/** The answers of the quiz below: only the author's view may hold them. */
const SECRET_SHORT = "Mitochondria powerhouse";
const quiz = {
  id: "quiz",
  type: "quiz" as const,
  passScore: 60,
  attemptLimit: 3,
  questions: [
    {
      id: "single",
      kind: "single" as const,
      prompt: "Pick b",
      options: [
        { id: "a", text: "A" },
        { id: "b", text: "B" },
      ],
      correctOptionId: "b",
    },
    {
      id: "multi",
      kind: "multiple" as const,
      prompt: "Pick a and c",
      options: [
        { id: "a", text: "A" },
        { id: "b", text: "B" },
        { id: "c", text: "C" },
      ],
      correctOptionIds: ["a", "c"],
    },
    {
      id: "short",
      kind: "short" as const,
      prompt: "The cell's energy?",
      acceptedAnswers: [SECRET_SHORT],
    },
  ],
};
const allRight = [
  { questionId: "single", optionIds: ["b"] },
  { questionId: "multi", optionIds: ["c", "a"] },
  { questionId: "short", text: "  mitochondria   POWERHOUSE " },
];
const oneRight = [
  { questionId: "single", optionIds: ["b"] },
  { questionId: "multi", optionIds: ["a"] },
  { questionId: "short", text: "nucleus" },
];

/** Every key and string anywhere in a JSON value. */
function walk(value: unknown, keys: Set<string>, strings: Set<string>) {
  if (typeof value === "string") strings.add(value);
  else if (Array.isArray(value)) for (const item of value) walk(item, keys, strings);
  else if (value && typeof value === "object")
    for (const [key, inner] of Object.entries(value)) {
      keys.add(key);
      walk(inner, keys, strings);
    }
}

/** Fails if an answer of the quiz is anywhere in `value`. */
function expectNoAnswers(value: unknown, label: string) {
  const keys = new Set<string>();
  const strings = new Set<string>();
  walk(JSON.parse(JSON.stringify(value)), keys, strings);
  for (const key of ["correctOptionId", "correctOptionIds", "acceptedAnswers"])
    expect(keys.has(key), `${label}: ${key}`).toBe(false);
  expect(
    [...strings].some((s) => s.toLowerCase().includes("mitochondria")),
    `${label}: short answer`,
  ).toBe(false);
}

/** A published course in a space with one module; lessons added by `lessons`. */
async function publishedCourse(
  spaceId: string,
  slug: string,
  lessons: Array<Record<string, unknown> & { title: string }>,
  extra: object = {},
) {
  const api = callers.moderator;
  const made = await api.course.create({
    spaceId,
    title: slug,
    slug,
    ...courseFields,
    ...extra,
  });
  const part = await api.course.createModule({ courseId: made.id, title: "Part 1" });
  const ids: string[] = [];
  for (const fields of lessons) {
    const prerequisiteIds = Array.isArray(fields.prerequisiteIds)
      ? fields.prerequisiteIds.map((i: unknown) => ids[Number(i)] ?? "")
      : [];
    const created = await api.lesson.create({ moduleId: part.id, ...fields, prerequisiteIds });
    await api.lesson.setStatus({ id: created.id, status: "published" });
    ids.push(created.id);
  }
  await api.course.setStatus({ id: made.id, status: "published" });
  return { id: made.id, moduleId: part.id, lessonIds: ids };
}

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
  const [gold] = await callers.owner.memberTier.list({});
  goldId = gold?.id ?? "";
});
afterAll(() => fx.drop());

describe("authoring", () => {
  it("lets moderators and up write courses, and refuses members (FORBIDDEN) before anything", async () => {
    const made = await callers.moderator.course.create({
      spaceId: spaces.public,
      title: "Draft course",
      slug: "draft-course",
      ...courseFields,
    });
    expect(made.status).toBe("draft");
    for (const who of ["outsider", "insider"] as const) {
      const api = callers[who];
      expect(
        await codeOf(
          api.course.create({ spaceId: spaces.public, title: "X", slug: "x", ...courseFields }),
        ),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(api.course.update({ id: made.id, title: "X", slug: "x", ...courseFields })),
      ).toBe("FORBIDDEN");
      expect(await codeOf(api.course.createModule({ courseId: made.id, title: "M" }))).toBe(
        "FORBIDDEN",
      );
      // A draft is NOT_FOUND to members, exactly as an id that exists nowhere.
      expect(await refusalOf(api.course.outline({ id: made.id }))).toEqual(
        await refusalOf(api.course.outline({ id: "00000000-0000-4000-8000-000000000000" })),
      );
    }
    // Only admins grant.
    expect(
      await codeOf(
        callers.moderator.course.grant({ courseId: made.id, memberId: persons.outsider.memberId }),
      ),
    ).toBe("FORBIDDEN");
    const list = await callers.outsider.course.list({ spaceId: spaces.public });
    expect(list.courses.map((c) => c.id)).not.toContain(made.id);
    expect((await callers.moderator.course.list({ spaceId: spaces.public })).canManage).toBe(true);
  });

  it("refuses a course in a space of another type, a taken address, and a bad block", async () => {
    expect(
      await codeOf(
        callers.owner.course.create({
          spaceId: spaces.discussion,
          title: "Nope",
          slug: "nope",
          ...courseFields,
        }),
      ),
    ).toBe("BAD_REQUEST");
    const taken = await refusalOf(
      callers.owner.course.create({
        spaceId: spaces.public,
        title: "Again",
        slug: "draft-course",
        ...courseFields,
      }),
    );
    expect(taken?.code).toBe("CONFLICT");
    expect(taken?.fields).toContain("slug");
    const made = await publishedCourse(spaces.public, "blocks", []);
    const bad = await refusalOf(
      callers.owner.lesson.create({
        moduleId: made.moduleId,
        title: "Bad",
        content: [{ id: "v", type: "video", url: "javascript:alert(1)" }],
      }),
    );
    expect(bad?.code).toBe("BAD_REQUEST");
    const wrongAnswer = await codeOf(
      callers.owner.lesson.create({
        moduleId: made.moduleId,
        title: "Bad quiz",
        content: [
          {
            ...quiz,
            questions: [
              {
                id: "single",
                kind: "single",
                prompt: "Pick",
                options: [
                  { id: "a", text: "A" },
                  { id: "b", text: "B" },
                ],
                correctOptionId: "zzz",
              },
            ],
          },
        ],
      }),
    );
    expect(wrongAnswer).toBe("BAD_REQUEST");
  });

  it("reorders modules and lessons, refuses a stale list, and refuses prerequisite cycles", async () => {
    const made = await publishedCourse(spaces.public, "ordering", [
      { title: "One" },
      { title: "Two", prerequisiteIds: ["0"] },
    ]);
    const [one, two] = made.lessonIds as [string, string];
    await callers.moderator.lesson.reorder({ moduleId: made.moduleId, ids: [two, one] });
    const outline = await callers.moderator.course.outline({ id: made.id });
    expect(outline.modules[0]?.lessons.map((l) => l.id)).toEqual([two, one]);
    expect(
      await codeOf(callers.moderator.lesson.reorder({ moduleId: made.moduleId, ids: [one] })),
    ).toBe("CONFLICT");
    const cycle = await refusalOf(
      callers.moderator.lesson.update({ id: one, title: "One", prerequisiteIds: [two] }),
    );
    expect(cycle?.code).toBe("BAD_REQUEST");
    expect(cycle?.fields).toContain("prerequisiteIds");
    const second = await callers.moderator.course.createModule({
      courseId: made.id,
      title: "Part 2",
    });
    await callers.moderator.course.reorderModules({
      courseId: made.id,
      ids: [second.id, made.moduleId],
    });
    await callers.moderator.lesson.move({ id: one, moduleId: second.id });
    const moved = await callers.moderator.course.outline({ id: made.id });
    expect(moved.modules.map((m) => m.lessons.map((l) => l.id))).toEqual([[one], [two]]);
  });

  it("previews a course as a member: published lessons only, with the locks a new learner meets", async () => {
    const made = await publishedCourse(spaces.public, "preview-as-member", [
      { title: "Start" },
      { title: "Next", prerequisiteIds: ["0"], level: 3 },
    ]);
    const draft = await callers.moderator.lesson.create({ moduleId: made.moduleId, title: "Wip" });
    const own = await callers.moderator.course.outline({ id: made.id });
    expect(own.modules[0]?.lessons.map((l) => l.locks)).toEqual([[], [], []]);
    const preview = await callers.moderator.course.outline({ id: made.id, asMember: true });
    expect(preview.preview).toBe(true);
    const lessons = preview.modules[0]?.lessons ?? [];
    expect(lessons.map((l) => l.id)).not.toContain(draft.id);
    expect(lessons.map((l) => l.locks)).toEqual([
      [],
      [
        { kind: "prerequisite", lessonId: made.lessonIds[0], lessonTitle: "Start" },
        { kind: "level", level: 3 },
      ],
    ]);
    // A member asking for a preview gets their own outline.
    const member = await callers.outsider.course.outline({ id: made.id, asMember: true });
    expect(member.preview).toBe(false);
  });

  it("duplicates a course as a draft with its lessons, prerequisites and quiz", async () => {
    const made = await publishedCourse(spaces.public, "original", [
      { title: "First", content: [quiz] },
      { title: "Second", prerequisiteIds: ["0"] },
    ]);
    const copy = await callers.moderator.course.duplicate({
      id: made.id,
      title: "Copy",
      slug: "original-copy",
    });
    expect(copy.status).toBe("draft");
    const outline = await callers.moderator.course.outline({ id: copy.id });
    const lessons = outline.modules.flatMap((m) => m.lessons);
    expect(lessons.map((l) => l.title)).toEqual(["First", "Second"]);
    expect(lessons.every((l) => !made.lessonIds.includes(l.id))).toBe(true);
    expect(lessons[1]?.prerequisiteIds).toEqual([lessons[0]?.id]);
    const first = await callers.moderator.lesson.get({ id: lessons[0]!.id });
    expect(first.content).toEqual([quiz]);
  });

  it("counts courses against the plan (Free: 1 course)", async () => {
    const free = await fx.createOrg("tiny");
    const owner = await free.owner.caller("tiny");
    const room = await owner.space.create({
      ...spaceFields,
      name: "Learn",
      slug: "learn",
      visibility: "public",
    });
    await owner.course.create({ spaceId: room.id, title: "One", slug: "one", ...courseFields });
    const second = owner.course.create({
      spaceId: room.id,
      title: "Two",
      slug: "two",
      ...courseFields,
    });
    expect(await codeOf(second)).toBe("FORBIDDEN");
  });
});

describe("who sees a course", () => {
  const sees = communitySees;
  const made = {} as Record<"public" | "private" | "paid", { id: string; lessonIds: string[] }>;
  beforeAll(async () => {
    for (const visibility of ["public", "private", "paid"] as const)
      made[visibility] = await publishedCourse(spaces[visibility], `seen-${visibility}`, [
        { title: "Only lesson", freePreview: true },
      ]);
  });
  for (const visibility of ["public", "private", "paid"] as const)
    for (const who of people) {
      const allowed = sees[visibility].includes(who);
      it(`${visibility} course space, ${who}: ${allowed ? "lists, outlines, opens" : "NOT_FOUND everywhere"}`, async () => {
        const api = callers[who];
        const course = made[visibility];
        const lessonId = course.lessonIds[0]!;
        if (allowed) {
          const list = await api.course.list({ spaceId: spaces[visibility] });
          expect(list.courses.map((c) => c.id)).toContain(course.id);
          expect((await api.course.outline({ id: course.id })).course.id).toBe(course.id);
          expect((await api.lesson.open({ id: lessonId })).id).toBe(lessonId);
        } else {
          expect(await codeOf(api.course.list({ spaceId: spaces[visibility] }))).toBe("NOT_FOUND");
          expect(await codeOf(api.course.outline({ id: course.id }))).toBe("NOT_FOUND");
          expect(await codeOf(api.course.enroll({ id: course.id }))).toBe("NOT_FOUND");
          expect(await codeOf(api.lesson.open({ id: lessonId }))).toBe("NOT_FOUND");
          expect(await codeOf(api.lesson.complete({ id: lessonId }))).toBe("NOT_FOUND");
        }
      });
    }
});

describe("locks, enforced on the server", () => {
  it("needs enrollment, then prerequisites; explains each lock as data", async () => {
    const made = await publishedCourse(spaces.public, "locks", [
      { title: "Basics" },
      { title: "Advanced", prerequisiteIds: ["0"] },
    ]);
    const [basics, advanced] = made.lessonIds as [string, string];
    const api = callers.outsider;
    const before = await api.course.outline({ id: made.id });
    expect(before.canEnroll).toBe(true);
    expect(before.modules[0]?.lessons[0]?.locks).toEqual([{ kind: "enrollment" }]);
    const refused = await api.lesson.open({ id: basics }).catch((e: unknown) => e);
    expect(await codeOf(api.lesson.open({ id: basics }))).toBe("FORBIDDEN");
    expect(JSON.stringify(refused)).not.toContain("Basics content");

    await api.course.enroll({ id: made.id });
    const enrolled = await api.course.outline({ id: made.id });
    expect(enrolled.modules[0]?.lessons.map((l) => l.locks)).toEqual([
      [],
      [{ kind: "prerequisite", lessonId: basics, lessonTitle: "Basics" }],
    ]);
    expect(await codeOf(api.lesson.open({ id: advanced }))).toBe("FORBIDDEN");
    expect(await codeOf(api.lesson.complete({ id: advanced }))).toBe("FORBIDDEN");
    await api.lesson.open({ id: basics });
    await api.lesson.complete({ id: basics });
    expect((await api.lesson.open({ id: advanced })).id).toBe(advanced);
    // The author is never locked.
    expect((await callers.moderator.lesson.open({ id: advanced })).id).toBe(advanced);
  });

  it("by tier: only a holder of one of the course's tiers enrolls", async () => {
    const made = await publishedCourse(spaces.public, "gold-only", [{ title: "Gold lesson" }], {
      access: "tier",
      tierIds: [goldId],
    });
    const outline = await callers.outsider.course.outline({ id: made.id });
    expect(outline.accessLock).toEqual({ kind: "tier", tierName: "Gold" });
    expect(outline.modules[0]?.lessons[0]?.locks).toEqual([{ kind: "tier", tierName: "Gold" }]);
    expect(await codeOf(callers.outsider.course.enroll({ id: made.id }))).toBe("FORBIDDEN");
    expect(await codeOf(callers.outsider.lesson.open({ id: made.lessonIds[0]! }))).toBe(
      "FORBIDDEN",
    );
    await callers.payer.course.enroll({ id: made.id });
    expect((await callers.payer.lesson.open({ id: made.lessonIds[0]! })).title).toBe("Gold lesson");
  });

  it("by grant: only members an admin granted it to enroll, until revoked", async () => {
    const made = await publishedCourse(spaces.public, "granted", [{ title: "Granted lesson" }], {
      access: "grant",
    });
    expect(await codeOf(callers.outsider.course.enroll({ id: made.id }))).toBe("FORBIDDEN");
    await callers.owner.course.grant({ courseId: made.id, memberId: persons.outsider.memberId });
    expect(await callers.owner.course.grants({ id: made.id })).toEqual([
      expect.objectContaining({ memberId: persons.outsider.memberId, name: "outsider" }),
    ]);
    await callers.outsider.course.enroll({ id: made.id });
    await callers.outsider.lesson.open({ id: made.lessonIds[0]! });
    await callers.owner.course.revokeGrant({
      courseId: made.id,
      memberId: persons.outsider.memberId,
    });
    expect(await callers.owner.course.grants({ id: made.id })).toEqual([]);
    const locked = await callers.outsider.course.outline({ id: made.id });
    expect(locked.modules[0]?.lessons[0]?.locks).toEqual([{ kind: "grant" }]);
    expect(await codeOf(callers.outsider.lesson.open({ id: made.lessonIds[0]! }))).toBe(
      "FORBIDDEN",
    );
  });

  it("drip: opens N days after enrollment, or on a date, by the scope's clock", async () => {
    const date = new Date(Date.now() + 10 * 24 * 3600 * 1000);
    const made = await publishedCourse(spaces.public, "drip", [
      { title: "Day three", dripDays: 3 },
      { title: "On a date", dripAt: date },
    ]);
    const [byDays, byDate] = made.lessonIds as [string, string];
    const clock: TestClock = createTestClock();
    const api = await createCaller(
      { ...fx.deps, clock },
      {
        headers: new Headers({ cookie: persons.outsider.cookie, "x-guild-org": "acme" }),
      },
    );
    await api.course.enroll({ id: made.id });
    const outline = await api.course.outline({ id: made.id });
    const [first, second] = outline.modules[0]?.lessons ?? [];
    expect(first?.locks[0]?.kind).toBe("drip");
    expect(second?.locks).toEqual([{ kind: "drip", opensAt: date }]);
    const refusal = await api.lesson.open({ id: byDays }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "FORBIDDEN" });
    clock.advance(3 * 24 * 3600 * 1000 + 60_000);
    expect((await api.lesson.open({ id: byDays })).id).toBe(byDays);
    expect(await codeOf(api.lesson.open({ id: byDate }))).toBe("FORBIDDEN");
    clock.advance(7 * 24 * 3600 * 1000);
    expect((await api.lesson.open({ id: byDate })).id).toBe(byDate);
  });

  it("level: a lesson of level 2 opens once the member's XP reaches it; XP is awarded once", async () => {
    const made = await publishedCourse(spaces.public, "levels", [
      { title: "Worth 3000 XP", xpReward: 3000 },
      { title: "Level two", level: 2 },
    ]);
    const [first, second] = made.lessonIds as [string, string];
    const api = callers.payer;
    await api.course.enroll({ id: made.id });
    const before = await api.course.outline({ id: made.id });
    expect(before.modules[0]?.lessons[1]?.locks).toEqual([{ kind: "level", level: 2 }]);
    expect(await codeOf(api.lesson.open({ id: second }))).toBe("FORBIDDEN");
    await Promise.all([api.lesson.complete({ id: first }), api.lesson.complete({ id: first })]);
    const total = await withTenant(fx.db, asSystem(acmeId, "test"), (scope) =>
      xpTotalOf(scope, persons.payer.memberId),
    );
    expect(total.xp).toBe(3000);
    expect((await api.lesson.open({ id: second })).title).toBe("Level two");
  });

  it("free preview lessons open without enrolling; progress needs enrolling", async () => {
    const made = await publishedCourse(spaces.public, "preview", [
      { title: "Taster", freePreview: true },
      { title: "Main" },
    ]);
    expect((await callers.insider.lesson.open({ id: made.lessonIds[0]! })).title).toBe("Taster");
    expect(await codeOf(callers.insider.lesson.complete({ id: made.lessonIds[0]! }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(callers.insider.lesson.open({ id: made.lessonIds[1]! }))).toBe("FORBIDDEN");
  });
});

describe("quizzes", () => {
  let made: { id: string; lessonIds: string[] };
  beforeAll(async () => {
    made = await publishedCourse(spaces.public, "quizzes", [
      { title: "Quiz lesson", content: [{ id: "md", type: "markdown", markdown: "Read" }, quiz] },
    ]);
  });

  it("keeps the answers out of every member answer before submission", async () => {
    const api = callers.payer;
    const lessonId = made.lessonIds[0]!;
    expectNoAnswers(await api.course.list({ spaceId: spaces.public }), "course.list");
    expectNoAnswers(await api.course.outline({ id: made.id }), "course.outline");
    expectNoAnswers(await api.course.enroll({ id: made.id }), "course.enroll");
    const opened = await api.lesson.open({ id: lessonId });
    expectNoAnswers(opened, "lesson.open");
    const view = opened.content.find((b) => b.type === "quiz");
    expect(view?.type === "quiz" ? view.questions.map((q) => q.id) : []).toEqual([
      "single",
      "multi",
      "short",
    ]);
    expectNoAnswers(await api.lesson.reportTime({ id: lessonId, seconds: 1 }), "reportTime");
    // A member cannot complete a quiz lesson without passing, nor read the author's view.
    expect(await codeOf(api.lesson.complete({ id: lessonId }))).toBe("FORBIDDEN");
    expect(await codeOf(api.lesson.get({ id: lessonId }))).toBe("FORBIDDEN");
    const result = await api.lesson.submitQuiz({ lessonId, answers: oneRight });
    expectNoAnswers(result, "submitQuiz");
    // The author's view has them.
    const authored = await callers.moderator.lesson.get({ id: lessonId });
    expect(JSON.stringify(authored)).toContain(SECRET_SHORT);
  });

  it("grades on the server, keeps best and last score, and stops at the attempt limit", async () => {
    const api = callers.outsider;
    const lessonId = made.lessonIds[0]!;
    await api.course.enroll({ id: made.id });
    await api.lesson.open({ id: lessonId });
    const low = await api.lesson.submitQuiz({ lessonId, answers: oneRight });
    expect(low).toMatchObject({ score: 33, passed: false, attempts: 1, attemptsLeft: 2 });
    expect(low.results).toEqual([
      { questionId: "single", correct: true },
      { questionId: "multi", correct: false },
      { questionId: "short", correct: false },
    ]);
    const high = await api.lesson.submitQuiz({ lessonId, answers: allRight });
    expect(high).toMatchObject({
      score: 100,
      passed: true,
      lessonCompleted: true,
      attemptsLeft: 1,
    });
    const again = await api.lesson.submitQuiz({ lessonId, answers: oneRight });
    expect(again).toMatchObject({ score: 33, bestScore: 100, attemptsLeft: 0 });
    const progress = (await api.course.outline({ id: made.id })).modules[0]?.lessons[0]?.progress;
    expect(progress).toMatchObject({ status: "completed", score: 100, lastScore: 33, attempts: 3 });
    expect(await codeOf(api.lesson.submitQuiz({ lessonId, answers: allRight }))).toBe("FORBIDDEN");
  });

  it("takes no more than the limit under concurrent submissions", async () => {
    const api = callers.insider;
    const lessonId = made.lessonIds[0]!;
    await api.course.enroll({ id: made.id });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => api.lesson.submitQuiz({ lessonId, answers: oneRight })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(3);
    const progress = (await api.course.outline({ id: made.id })).modules[0]?.lessons[0]?.progress;
    expect(progress?.attempts).toBe(3);
  });
});

describe("progress", () => {
  it("counts a lesson once under concurrent completes, with percent, resume and course completion", async () => {
    const made = await publishedCourse(spaces.public, "progress", [{ title: "A" }, { title: "B" }]);
    const [a, b] = made.lessonIds as [string, string];
    const api = callers.insider;
    await api.course.enroll({ id: made.id });
    await api.lesson.open({ id: b });
    expect((await api.course.outline({ id: made.id })).resumeLessonId).toBe(b);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => api.lesson.complete({ id: a })),
    );
    expect(results.filter((r) => r.newlyCompleted)).toHaveLength(1);
    expect(results.every((r) => r.percentComplete === 50)).toBe(true);
    const rows = await fx.db.execute(
      sql`select count(*)::int as n from lesson_progress where lesson_id = ${a} and status = 'completed'`,
    );
    expect([...rows]).toEqual([{ n: 1 }]);
    const last = await api.lesson.complete({ id: b });
    expect(last).toMatchObject({
      newlyCompleted: true,
      percentComplete: 100,
      courseCompleted: true,
    });
    const outline = await api.course.outline({ id: made.id });
    expect(outline.enrollment?.completedAt).toBeInstanceOf(Date);
    const listed = await api.course.list({ spaceId: spaces.public });
    expect(listed.courses.find((c) => c.id === made.id)).toMatchObject({
      enrolled: true,
      percentComplete: 100,
      lessonCount: 2,
    });
  });

  it("caps reported time per call and by the time since the last report", async () => {
    const made = await publishedCourse(spaces.public, "timing", [{ title: "Timed" }]);
    const lessonId = made.lessonIds[0]!;
    const clock = createTestClock();
    const api = await createCaller(
      { ...fx.deps, clock },
      { headers: new Headers({ cookie: persons.insider.cookie, "x-guild-org": "acme" }) },
    );
    await api.course.enroll({ id: made.id });
    expect(await codeOf(api.lesson.reportTime({ id: lessonId, seconds: 30 }))).toBe("CONFLICT");
    await api.lesson.open({ id: lessonId });
    // Right after opening: at most the slack, whatever the client claims.
    expect((await api.lesson.reportTime({ id: lessonId, seconds: 300 })).timeSpentSeconds).toBe(5);
    clock.advance(60_000);
    expect((await api.lesson.reportTime({ id: lessonId, seconds: 60 })).timeSpentSeconds).toBe(65);
    clock.advance(3600_000);
    expect((await api.lesson.reportTime({ id: lessonId, seconds: 300 })).timeSpentSeconds).toBe(
      365,
    );
    expect(await codeOf(api.lesson.reportTime({ id: lessonId, seconds: 301 }))).toBe("BAD_REQUEST");
  });
});
