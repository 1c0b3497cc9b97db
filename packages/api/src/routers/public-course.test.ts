// A course's public page (issue 12 §1) against real PostgreSQL: a visitor reads a published
// course of a public space (outline, access, tier prices) and its free preview lessons, and
// nothing else: drafts, private spaces, other organizations' courses, lessons that are not free
// previews are NOT_FOUND; quiz prompts, options and answers and file ids never leave the server.
import { and, eq, memberTier } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, codeOf, createApiFixture, unpricedTierFields } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<ApiFixture["anonymous"]>>;
let owner: Caller;

const spaceFields = { description: "", icon: "", type: "course" as const, section: "" };
const SECRET_ANSWER = "Secret accepted answer";
const SECRET_PROMPT = "Which secret question?";
const quiz = {
  id: "quiz",
  type: "quiz" as const,
  passScore: 50,
  attemptLimit: null,
  questions: [
    {
      id: "q1",
      kind: "single" as const,
      prompt: SECRET_PROMPT,
      options: [
        { id: "a", text: "Secret option A" },
        { id: "b", text: "Secret option B" },
      ],
      correctOptionId: "b",
    },
    { id: "q2", kind: "short" as const, prompt: "Another", acceptedAnswers: [SECRET_ANSWER] },
  ],
};

const ids = {
  course: "",
  tierCourse: "",
  draft: "",
  privateCourse: "",
  elsewhere: "",
  preview: "",
  paid: "",
  draftPreview: "",
  goldTier: "",
};

async function makeCourse(
  api: Caller,
  spaceId: string,
  slug: string,
  extra: { access?: "free" | "tier" | "grant"; tierIds?: string[]; publish?: boolean } = {},
) {
  const made = await api.course.create({
    spaceId,
    title: `Course ${slug}`,
    slug,
    description: `About ${slug}`,
    access: extra.access ?? "free",
    tierIds: extra.tierIds ?? [],
  });
  const part = await api.course.createModule({ courseId: made.id, title: `Module of ${slug}` });
  const lesson = await api.lesson.create({
    moduleId: part.id,
    title: `Preview of ${slug}`,
    level: 2,
    difficulty: "intermediate",
    estimatedMinutes: 12,
    freePreview: true,
    content: [{ id: "m", type: "markdown", markdown: `Free words of ${slug}` }],
  });
  await api.lesson.setStatus({ id: lesson.id, status: "published" });
  if (extra.publish !== false) await api.course.setStatus({ id: made.id, status: "published" });
  return { courseId: made.id, moduleId: part.id, lessonId: lesson.id };
}

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member"], { plan: "pro" });
  owner = await acme.owner.caller("acme");
  const open = await owner.space.create({
    ...spaceFields,
    name: "Open school",
    slug: "open-school",
    visibility: "public",
  });
  const closed = await owner.space.create({
    ...spaceFields,
    name: "Back room",
    slug: "back-room",
    visibility: "private",
  });
  const gold = await owner.memberTier.create({ ...unpricedTierFields, name: "Gold" });
  // A price as Stripe's catalog sync leaves it (the stand-in's connect flow is join.test.ts's).
  await fx.db
    .update(memberTier)
    .set({ monthlyPrice: 900 })
    .where(and(eq(memberTier.organizationId, acme.org.id), eq(memberTier.id, gold.id)));
  ids.goldTier = gold.id;

  const main = await makeCourse(owner, open.id, "baking");
  ids.course = main.courseId;
  ids.preview = main.lessonId;
  const paid = await owner.lesson.create({
    moduleId: main.moduleId,
    title: "Members only lesson",
    content: [
      { id: "m", type: "markdown", markdown: "Paid words" },
      { id: "img", type: "callout", tone: "tip", markdown: "Paid tip" },
    ],
  });
  await owner.lesson.setStatus({ id: paid.id, status: "published" });
  ids.paid = paid.id;
  const quizLesson = await owner.lesson.create({
    moduleId: main.moduleId,
    title: "Quiz preview",
    freePreview: true,
    content: [{ id: "intro", type: "markdown", markdown: "Try the quiz" }, quiz],
  });
  await owner.lesson.setStatus({ id: quizLesson.id, status: "published" });
  const draftLesson = await owner.lesson.create({
    moduleId: main.moduleId,
    title: "Unfinished draft lesson",
    freePreview: true,
  });
  ids.draftPreview = draftLesson.id;

  ids.tierCourse = (
    await makeCourse(owner, open.id, "pastry", { access: "tier", tierIds: [gold.id] })
  ).courseId;
  ids.draft = (await makeCourse(owner, open.id, "unpublished", { publish: false })).courseId;
  await owner.space.addMember({ spaceId: closed.id, memberId: acme.owner.memberId });
  ids.privateCourse = (await makeCourse(owner, closed.id, "hidden")).courseId;

  const other = await fx.createOrg("other");
  const otherOwner = await other.owner.caller("other");
  const theirs = await otherOwner.space.create({
    ...spaceFields,
    name: "Their school",
    slug: "their-school",
    visibility: "public",
  });
  ids.elsewhere = (await makeCourse(otherOwner, theirs.id, "theirs")).courseId;
});
afterAll(() => fx.drop());

describe("the public course page", () => {
  it("shows a visitor the outline with levels, durations, difficulty and the free previews", async () => {
    const page = await (await fx.anonymous()).publicCourse.get({
      slug: "acme",
      courseId: ids.course,
    });
    expect(page.course).toMatchObject({
      id: ids.course,
      title: "Course baking",
      description: "About baking",
      access: "free",
      spaceName: "Open school",
    });
    expect(page.organization).toMatchObject({ name: "Org acme", slug: "acme" });
    expect(page.viewer).toBeNull();
    expect(page.tiers).toEqual([]);
    expect(page.modules).toHaveLength(1);
    expect(
      page.modules[0]?.lessons.map((l) => [l.title, l.freePreview, l.level, l.hasQuiz]),
    ).toEqual([
      ["Preview of baking", true, 2, false],
      ["Members only lesson", false, 1, false],
      ["Quiz preview", true, 1, true],
    ]);
    expect(page.modules[0]?.lessons[0]).toMatchObject({
      difficulty: "intermediate",
      estimatedMinutes: 12,
    });
    const text = JSON.stringify(page);
    for (const secret of ["Unfinished draft lesson", "Paid words", "Free words", SECRET_PROMPT])
      expect(text).not.toContain(secret);
  });

  it("names the tiers that open a course by tier, with their prices", async () => {
    const page = await (await fx.anonymous()).publicCourse.get({
      slug: "acme",
      courseId: ids.tierCourse,
    });
    expect(page.course.access).toBe("tier");
    expect(page.tiers.map((t) => [t.id, t.name, t.monthlyPrice, t.currency])).toEqual([
      [ids.goldTier, "Gold", 900, "usd"],
    ]);
  });

  it("answers NOT_FOUND for a draft, a private space's course, another organization's", async () => {
    const anonymous = await fx.anonymous();
    for (const [slug, courseId] of [
      ["acme", ids.draft],
      ["acme", ids.privateCourse],
      ["acme", ids.elsewhere],
      ["other", ids.course],
      ["nowhere", ids.course],
    ] as const)
      expect(await codeOf(anonymous.publicCourse.get({ slug, courseId })), courseId).toBe(
        "NOT_FOUND",
      );
  });

  it("tells a member where the course is inside the organization, and a stranger nothing", async () => {
    const insider = await acme.members.member!.caller();
    expect((await insider.publicCourse.get({ slug: "acme", courseId: ids.course })).viewer).toEqual(
      { standing: "member", spaceSlug: "open-school" },
    );
    const stranger = await (await fx.signUp()).caller();
    expect(
      (await stranger.publicCourse.get({ slug: "acme", courseId: ids.course })).viewer,
    ).toEqual({ standing: "none", spaceSlug: null });
  });
});

describe("free preview lessons", () => {
  it("gives a visitor a free preview lesson's content", async () => {
    const lesson = await (await fx.anonymous()).publicCourse.lesson({
      slug: "acme",
      courseId: ids.course,
      lessonId: ids.preview,
    });
    expect(lesson).toMatchObject({
      id: ids.preview,
      title: "Preview of baking",
      level: 2,
      course: { id: ids.course, title: "Course baking" },
      content: [{ id: "m", type: "markdown", markdown: "Free words of baking" }],
    });
  });

  it("shows a preview's quiz as its length only: no prompt, option or answer", async () => {
    const page = await (await fx.anonymous()).publicCourse.get({
      slug: "acme",
      courseId: ids.course,
    });
    const quizLesson = page.modules[0]?.lessons.find((l) => l.title === "Quiz preview");
    const lesson = await (await fx.anonymous()).publicCourse.lesson({
      slug: "acme",
      courseId: ids.course,
      lessonId: quizLesson?.id ?? "",
    });
    expect(lesson.content).toEqual([
      { id: "intro", type: "markdown", markdown: "Try the quiz" },
      { id: "quiz", type: "quiz", questionCount: 2 },
    ]);
    const text = JSON.stringify(lesson);
    for (const secret of [SECRET_ANSWER, SECRET_PROMPT, "Secret option", "correctOptionId"])
      expect(text).not.toContain(secret);
  });

  it("answers NOT_FOUND for a lesson that is not a free preview, a draft, or another course's", async () => {
    const anonymous = await fx.anonymous();
    const tierPage = await anonymous.publicCourse.get({ slug: "acme", courseId: ids.tierCourse });
    const tierPreview = tierPage.modules[0]?.lessons[0]?.id ?? "";
    for (const [courseId, lessonId] of [
      [ids.course, ids.paid],
      [ids.course, ids.draftPreview],
      [ids.course, tierPreview],
      [ids.privateCourse, ids.preview],
    ] as const)
      expect(
        await codeOf(anonymous.publicCourse.lesson({ slug: "acme", courseId, lessonId })),
        lessonId,
      ).toBe("NOT_FOUND");
    // The lesson of a course that is not published stays hidden too.
    await owner.course.setStatus({ id: ids.course, status: "draft" });
    expect(
      await codeOf(
        anonymous.publicCourse.lesson({
          slug: "acme",
          courseId: ids.course,
          lessonId: ids.preview,
        }),
      ),
    ).toBe("NOT_FOUND");
    await owner.course.setStatus({ id: ids.course, status: "published" });
  });
});

describe("the organization's public page", () => {
  it("lists the published courses of public spaces only", async () => {
    const page = await (await fx.anonymous()).publicPage.get({ slug: "acme" });
    expect(page.courses.map((c) => [c.title, c.access])).toEqual([
      ["Course baking", "free"],
      ["Course pastry", "tier"],
    ]);
  });
});
