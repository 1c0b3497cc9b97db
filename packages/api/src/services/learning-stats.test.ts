// Learning statistics and the learning activity log against hand-computed figures: the demo
// organization's courses (seed-courses.ts: who completed what, with which scores and times) for
// the admins' per-lesson analytics, the learner's courses in progress and the activity log's
// entries; and a member's XP over time and streak calendar on a clock set across a DST change,
// in their organization's time zone.
import {
  asSystem,
  createTestClock,
  eq,
  member,
  organization,
  sql,
  user,
  withTenant,
  xpEvent,
} from "@guild/db";
import { DEMO_ORG_SLUG, DEMO_PASSWORD, seedDemo } from "@guild/db/seed";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { createCaller } from "../index.ts";
import { type ApiFixture, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  await seedDemo(fx.db);
});
afterAll(() => fx.drop());

/** A demo person signed in from a known address and browser (the activity log keeps both). */
async function demoCaller(email: string, ip = "203.0.113.7", userAgent = "StatsTest/1.0") {
  const response = await fx.auth.api.signInEmail({
    body: { email, password: DEMO_PASSWORD },
    headers: new Headers({ "x-forwarded-for": ip, "user-agent": userAgent }),
    asResponse: true,
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return createCaller(fx.deps, {
    headers: new Headers({ cookie, "x-guild-org": DEMO_ORG_SLUG, "user-agent": userAgent }),
  });
}

it("gives admins per-lesson enrollments, completion, scores, time and drop-off", async () => {
  const admin = await demoCaller("admin@demo.guild");
  const { courses, lessons } = await admin.learning.analytics({});
  expect(courses.map((c) => c.title)).toEqual(["Community basics", "Learning in public"]);
  const table = lessons.map((l) => [
    l.title,
    l.order,
    l.enrollments,
    l.started,
    l.completed,
    Math.round(l.completionRate * 1000) / 1000,
    l.averageScore,
    l.averageSeconds,
    l.dropOff === null ? null : Math.round(l.dropOff * 1000) / 1000,
  ]);
  // By hand from seed-courses.ts: time is the lesson's minutes (halved when not completed, times
  // the attempts) × 60 + 37 × (owner 1, admin 2, Mia 3) seconds.
  expect(table).toEqual([
    ["How this community works", 1, 3, 3, 3, 1, null, 374, null],
    ["Finding your way around", 2, 3, 3, 3, 1, null, 434, 0],
    // Best scores 100, 100 and Mia's 66; Mia completed the lesson before but not this one.
    ["Check your understanding", 3, 3, 3, 2, 0.667, 88.7, 314, 0.333],
    ["Writing a good first post", 4, 3, 2, 2, 0.667, null, 536, 0],
    ["Giving helpful feedback", 5, 3, 2, 1, 0.333, null, 506, 0.5],
    ["Community quiz", 6, 3, 1, 1, 0.333, 100, 637, 0],
    ["Why learn in public", 1, 2, 2, 2, 1, null, 476, null],
    ["A daily streak", 2, 2, 2, 1, 0.5, null, 326, 0.5],
    ["Habits quiz", 3, 2, 1, 1, 0.5, 100, 217, 0],
    ["Your weekly note", 4, 2, 1, 0, 0, null, 397, 1],
    // No one completed the lesson before: no drop-off to speak of.
    ["Final check", 5, 2, 0, 0, 0, null, 0, null],
  ]);
  const second = courses[1]?.id ?? "";
  const one = await admin.learning.analytics({ courseId: second });
  expect(one.lessons.map((l) => l.title)).toEqual(table.slice(6).map((row) => row[0]));
  expect(one.courses).toEqual(courses);
  // A member reads their own numbers, never everyone's.
  const mia = await demoCaller("member@demo.guild");
  expect((await refusalOf(mia.learning.analytics({})))?.code).toBe("FORBIDDEN");
});

it("lists a learner's unfinished courses with their place in each", async () => {
  const admin = await demoCaller("admin@demo.guild");
  const { coursesInProgress } = await admin.learning.dashboard({});
  // Learning in public was opened last (2 days ago), Community basics 3 days ago.
  expect(
    coursesInProgress.map((c) => [c.title, c.completed, c.lessons, c.percentComplete, c.spaceSlug]),
  ).toEqual([
    ["Learning in public", 1, 5, 20, "getting-started"],
    ["Community basics", 4, 6, 66, "getting-started"],
  ]);
  // The owner finished Community basics: only the other one is in progress.
  const owner = await demoCaller("owner@demo.guild");
  expect((await owner.learning.dashboard({})).coursesInProgress.map((c) => c.title)).toEqual([
    "Learning in public",
  ]);
});

it("logs sign-ins, quizzes and lessons: members read their own, admins the organization's", async () => {
  const mia = await demoCaller("member@demo.guild", "198.51.100.4", "MiaBrowser/2.0");
  const outline = await mia.course.list({
    spaceId:
      (
        await fx.db.execute<{ id: string }>(
          sql`select id from space where slug = 'getting-started' and organization_id =
            (select id from organization where slug = ${DEMO_ORG_SLUG})`,
        )
      )[0]?.id ?? "",
  });
  const basics = outline.courses.find((c) => c.title === "Community basics");
  const course = await mia.course.outline({ id: basics?.id ?? "" });
  const quizLesson = course.modules[0]?.lessons[2];
  expect(quizLesson?.title).toBe("Check your understanding");
  const result = await mia.lesson.submitQuiz({
    lessonId: quizLesson?.id ?? "",
    answers: [
      { questionId: "q1", optionIds: ["intro"] },
      { questionId: "q2", optionIds: ["chat", "course"] },
      { questionId: "q3", text: "k" },
    ],
  });
  expect(result).toMatchObject({ score: 100, passed: true, lessonCompleted: true });

  const mine = await mia.activity.mine({});
  expect(
    mine.items.slice(0, 3).map((e) => [e.kind, e.action, e.targetTitle, e.score, e.passed]),
  ).toEqual([
    ["lesson", "lesson.completed", "Check your understanding", null, null],
    ["quiz", "quiz.submitted", "Check your understanding", 100, true],
    ["sign_in", "member.signed_in", null, null, null],
  ]);
  // Then the demo's history (seed-courses.ts): her second and first failed tries, 66 and 33.
  expect(mine.items.filter((e) => e.kind === "quiz").map((e) => [e.score, e.passed])).toEqual([
    [100, true],
    [66, false],
    [33, false],
  ]);
  // Where each came from: the sign-in's session, address and browser on every entry.
  const signIn = mine.items[2];
  expect(signIn).toMatchObject({ ip: "198.51.100.4", userAgent: "MiaBrowser/2.0" });
  expect(signIn?.sessionId).toBe(signIn?.targetId);
  expect(mine.items.every((e) => e.memberName === "Mia Member")).toBe(true);
  // Filters by kind, a page at a time.
  const quizzes = await mia.activity.mine({ kinds: ["quiz", "sign_in"] });
  expect(quizzes.items).toEqual(
    mine.items.filter((e) => e.kind === "quiz" || e.kind === "sign_in"),
  );
  // Pages of 2 walk the same entries in the same order, and end.
  const walked: typeof mine.items = [];
  let cursor: typeof mine.nextCursor = null;
  do {
    const page = await mia.activity.mine({ limit: 2, cursor });
    walked.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  expect(walked).toEqual(mine.items);
  // The organization's log is the admins'.
  expect((await refusalOf(mia.activity.organization({})))?.code).toBe("FORBIDDEN");
  await demoCaller("owner@demo.guild");
  const admin = await demoCaller("admin@demo.guild");
  const all = await admin.activity.organization({ limit: 100 });
  const names = new Set(all.items.map((e) => e.memberName));
  expect(names).toEqual(new Set(["Mia Member", "Adam Admin", "Olivia Owner"]));
  const [miaRow] = await fx.db
    .select({ id: member.id })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(user.email, "member@demo.guild"));
  const hers = await admin.activity.organization({ memberId: miaRow?.id ?? "", limit: 100 });
  expect(hers.items.map((e) => e.id)).toEqual(mine.items.map((e) => e.id));
  // The audit log keeps to what people did to the organization's records.
  const audit = await admin.activity.list({ limit: 100 });
  expect(audit.items.length).toBeGreaterThan(0);
  expect(
    audit.items.filter((e) => e.action === "member.signed_in" || e.action.startsWith("quiz.")),
  ).toEqual([]);
  // The admin's own log is theirs alone.
  expect(
    new Set((await admin.activity.mine({ limit: 100 })).items.map((e) => e.memberName)),
  ).toEqual(new Set(["Adam Admin"]));
  // Bad input is a 400 on its field.
  expect(await refusalOf(mia.activity.mine({ kinds: ["login" as "quiz"] }))).toMatchObject({
    code: "BAD_REQUEST",
    fields: ["kinds"],
  });
});

it("charts XP per local day and a streak calendar across a DST change", async () => {
  const acme = await fx.createOrg("acme", ["member"]);
  const learner = acme.members.member;
  if (!learner) throw new Error("no member");
  // New York moved to summer time on Sunday 9 March 2031 (UTC-5 before, UTC-4 after).
  await fx.db
    .update(organization)
    .set({ timeZone: "America/New_York" })
    .where(eq(organization.id, acme.org.id));
  const clock = createTestClock();
  clock.advance(Date.UTC(2031, 2, 10, 12) - clock.now().getTime());
  // Instants on the scope's clock, which the service compares them with.
  const at = (iso: string) => new Date(iso);
  const events = [
    // 9 March 23:30 summer time, 10 March 01:00: two local days, though 90 minutes apart.
    {
      kind: "lesson" as const,
      sourceId: "l1",
      amount: 100,
      occurredAt: at("2031-03-10T03:30:00Z"),
    },
    {
      kind: "quiz_pass" as const,
      sourceId: "l1",
      amount: 50,
      occurredAt: at("2031-03-10T05:00:00Z"),
    },
    // 7 March 23:59 and 8 March 00:01 winter time.
    {
      kind: "lesson" as const,
      sourceId: "l2",
      amount: 200,
      occurredAt: at("2031-03-08T04:59:00Z"),
    },
    { kind: "post" as const, sourceId: "p1", amount: 5, occurredAt: at("2031-03-08T05:01:00Z") },
    { kind: "lesson" as const, sourceId: "l3", amount: 10, occurredAt: at("2031-03-08T12:00:00Z") },
    // Before the chart's week: counted in its starting total.
    {
      kind: "lesson" as const,
      sourceId: "l0",
      amount: 1000,
      occurredAt: at("2031-01-01T12:00:00Z"),
    },
  ];
  await withTenant(fx.db, asSystem(acme.org.id, "test"), (scope) =>
    scope.db
      .insert(xpEvent)
      .values(
        events.map((e) => ({ ...e, organizationId: acme.org.id, memberId: learner.memberId })),
      ),
  );
  const api = await createCaller(
    { ...fx.deps, clock },
    { headers: new Headers({ cookie: learner.cookie, "x-guild-org": "acme" }) },
  );
  const dashboard = await api.learning.dashboard({ days: 7 });
  expect(dashboard).toMatchObject({
    timeZone: "America/New_York",
    today: "2031-03-10",
    xpStart: 1000,
  });
  expect(dashboard.xpByDay).toEqual([
    { day: "2031-03-04", xp: 0 },
    { day: "2031-03-05", xp: 0 },
    { day: "2031-03-06", xp: 0 },
    { day: "2031-03-07", xp: 200 },
    { day: "2031-03-08", xp: 15 },
    { day: "2031-03-09", xp: 100 },
    { day: "2031-03-10", xp: 50 },
  ]);
  // Learning days only (a post is not learning), one event each.
  expect(dashboard.calendar).toEqual([
    { day: "2031-01-01", events: 1 },
    { day: "2031-03-07", events: 1 },
    { day: "2031-03-08", events: 1 },
    { day: "2031-03-09", events: 1 },
    { day: "2031-03-10", events: 1 },
  ]);
  expect(dashboard.streaks).toEqual({ current: 4, longest: 4, lastActiveDay: "2031-03-10" });
  expect(dashboard.coursesInProgress).toEqual([]);
  expect(await refusalOf(api.learning.dashboard({ days: 3 }))).toMatchObject({
    code: "BAD_REQUEST",
    fields: ["days"],
  });
});
