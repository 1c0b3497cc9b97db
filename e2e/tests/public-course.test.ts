import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  DESKTOP,
  newUserPage,
  PASSWORD,
  PHONE,
  pageWidth,
  seriousA11yProblems,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";
import { createCourseSpace } from "../support/course-authoring.ts";
import { idOf, trpc } from "../support/trpc.ts";

// A course's public page (issue 12 §1): an owner publishes a course in a public space with a free
// preview lesson (text and a quiz) and a lesson for members; a signed-out visitor opens the
// organization's public page, follows the course, reads the free preview on a phone and a
// desktop (no quiz question, no members' lesson), and follows the join link to sign-up.

const runId = Date.now().toString(36);
const slug = `course-door-${runId}`;
const NAME = `Bakers ${runId}`;
const COURSE = "Sourdough from scratch";
const PREVIEW = "Feeding the starter";
const MEMBERS_ONLY = "Shaping the loaf";
const QUIZ_PROMPT = "How often is the starter fed?";

let owner: Page;
let visitor: Page;
let courseId = "";

const flow = browserFlow();

describe("a course's public page", { concurrent: false }, () => {
  test("an owner publishes a course with a free preview in a public space", async () => {
    owner = await signUp(flow.browser, {
      name: "Bea Baker",
      email: uniqueEmail("bea"),
      password: PASSWORD,
    });
    flow.pages.push(owner);
    await owner.setViewportSize(DESKTOP);
    await createOrganization(owner, NAME, slug);
    await trpc(owner, "organization.update", { joinPolicy: "open" }, slug);
    const spaceId = await createCourseSpace(owner, slug, { name: "Bakery school", slug: "school" });
    courseId = idOf(
      await trpc(
        owner,
        "course.create",
        {
          spaceId,
          title: COURSE,
          slug: "sourdough",
          description: "Bake a loaf a week.",
          access: "free",
          tierIds: [],
        },
        slug,
      ),
    );
    const moduleId = idOf(
      await trpc(owner, "course.createModule", { courseId, title: "The starter" }, slug),
    );
    const preview = idOf(
      await trpc(
        owner,
        "lesson.create",
        {
          moduleId,
          title: PREVIEW,
          level: 1,
          difficulty: "beginner",
          estimatedMinutes: 15,
          freePreview: true,
          content: [
            { id: "m", type: "markdown", markdown: "Feed it **flour and water** every day." },
            {
              id: "quiz",
              type: "quiz",
              passScore: 50,
              attemptLimit: null,
              questions: [
                { id: "q", kind: "short", prompt: QUIZ_PROMPT, acceptedAnswers: ["daily"] },
              ],
            },
          ],
        },
        slug,
      ),
    );
    const paid = idOf(
      await trpc(
        owner,
        "lesson.create",
        {
          moduleId,
          title: MEMBERS_ONLY,
          level: 2,
          content: [{ id: "m", type: "markdown", markdown: "Members' secret fold." }],
        },
        slug,
      ),
    );
    for (const id of [preview, paid])
      await trpc(owner, "lesson.setStatus", { id, status: "published" }, slug);
    await trpc(owner, "course.setStatus", { id: courseId, status: "published" }, slug);
  });

  test("a visitor opens the course from the public page and reads the free preview on a phone", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    ({ page: visitor } = await newUserPage(flow.browser));
    flow.pages.push(visitor);
    await visitor.setViewportSize(PHONE);
    await visitor.goto(`/c/${slug}`);
    await visitor.getByRole("heading", { level: 1, name: NAME }).waitFor();
    await visitor
      .getByRole("region", { name: "Courses" })
      .getByRole("link", { name: COURSE })
      .click();
    await visitor.waitForURL(new RegExp(`/c/${slug}/courses/${courseId}$`));
    await visitor.getByRole("heading", { level: 1, name: COURSE }).waitFor();
    await visitor.getByText("Bake a loaf a week.").waitFor();
    const outline = visitor.getByRole("region", { name: "Outline" });
    await outline.getByText(MEMBERS_ONLY).waitFor();
    await outline.getByText("Level 2 · Beginner").waitFor();
    await outline.getByText("Level 1 · Beginner · 15 min · Quiz").waitFor();
    expect(await pageWidth(visitor)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yProblems(visitor)).toEqual([]);

    await outline.getByRole("link", { name: `Free preview: ${PREVIEW}` }).click();
    await visitor.waitForURL(/\?lesson=/);
    await visitor.getByRole("heading", { level: 2, name: PREVIEW }).waitFor();
    await visitor.getByText("flour and water").waitFor();
    await visitor.getByText("A quiz of 1 question: join to take it.").waitFor();
    expect(await visitor.getByText(QUIZ_PROMPT).count()).toBe(0);
    expect(await visitor.getByText("Members' secret fold.").count()).toBe(0);
    expect(await pageWidth(visitor)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yProblems(visitor)).toEqual([]);
  });

  test("on a desktop too, and the join link leads to sign-up and back to the community", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await visitor.setViewportSize(DESKTOP);
    await visitor.reload();
    await visitor.getByText("flour and water").waitFor();
    expect(await pageWidth(visitor)).toBeLessThanOrEqual(DESKTOP.width);
    await visitor.getByRole("link", { name: "Back to the outline" }).click();
    await visitor.getByRole("region", { name: "Outline" }).waitFor();
    await visitor.getByRole("link", { name: `Join ${NAME}` }).click();
    await visitor.waitForURL(/\/sign-up\?/);
    expect(decodeURIComponent(new URL(visitor.url()).search)).toContain(`/c/${slug}?join=free`);
    await visitor.getByRole("button", { name: "Sign up" }).waitFor();
  });

  test("a member is sent to the course itself", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await owner.goto(`/c/${slug}/courses/${courseId}`);
    await owner.getByRole("link", { name: "Open the course" }).click();
    await owner.waitForURL(new RegExp(`/o/${slug}/s/school/courses/${courseId}$`));
    await owner.getByRole("heading", { level: 1, name: COURSE }).waitFor();
  });

  test("a course that is not published is not found", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await trpc(owner, "course.setStatus", { id: courseId, status: "draft" }, slug);
    await visitor.goto(`/c/${slug}/courses/${courseId}`);
    await visitor.getByRole("heading", { name: "Course not found" }).waitFor();
  });
});
