import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserFlow,
  createOrganization,
  DESKTOP,
  PASSWORD,
  PHONE,
  pageWidth,
  seriousA11yProblems,
  signUp,
  uniqueEmail,
} from "../support/browser.ts";
import {
  addImageBlock,
  addLesson,
  addModule,
  addQuizBlock,
  addTextBlock,
  createCourseFromSpace,
  createCourseSpace,
  lessonTitles,
  moduleTitles,
  openCourseEditor,
  publishCourse,
  publishLesson,
  saveLesson,
} from "../support/course-authoring.ts";
import { trpcQuery } from "../support/trpc.ts";

// An admin builds a course by hand in the course editor (1280 px): a course from the course
// space's page, two modules, a markdown lesson with an uploaded image and a quiz lesson (a single choice question
// refused until its correct option is marked, and a short answer), reorders lessons and modules
// with the keyboard's arrow buttons and by dragging, publishes; the order and the quiz's answers
// are what the API keeps. Then the editors at 390 px: no sideways scrolling, nothing axe calls
// serious. Each step builds on the one before.

const runId = Date.now().toString(36);
const org = `course-${runId}`;
const spaceSlug = "academy";
const COURSE = "Gardening basics";

let admin: Page;
let courseId = "";
let quizLessonId = "";

const flow = browserFlow();

describe("course authoring: an admin builds and publishes a course", { concurrent: false }, () => {
  test("the admin makes a course from the course space's page", async () => {
    admin = await signUp(flow.browser, {
      name: "Ada Admin",
      email: uniqueEmail("ada"),
      password: PASSWORD,
    });
    flow.pages.push(admin);
    await admin.setViewportSize(DESKTOP);
    await createOrganization(admin, `Courses ${runId}`, org);
    await createCourseSpace(admin, org, { name: "Academy", slug: spaceSlug });
    courseId = await createCourseFromSpace(admin, org, spaceSlug, COURSE);
    await admin.getByText("No modules yet").waitFor();
    await admin.getByText("Draft", { exact: true }).first().waitFor();
  });

  test("a module, a markdown lesson with its details, saved and published", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await addModule(admin, "Soil");
    await addModule(admin, "Tools");
    await addLesson(admin, "Soil", "What soil is");
    await admin.getByText("No content yet").waitFor();
    await admin.getByLabel("Subtitle").fill("Sand, silt and clay");
    await admin.getByLabel("Estimated time (minutes)").fill("abc");
    await addTextBlock(admin, "# Soil\n\nSoil is **alive**.");
    // An image block without its image is refused on the block; then uploaded by keyboard.
    await admin.getByRole("button", { name: "Add Image block" }).click();
    await admin.getByRole("button", { name: "Save lesson" }).click();
    await admin.getByText("Upload the image first").waitFor();
    await admin.getByRole("button", { name: "Remove Image block 2" }).click();
    await addImageBlock(admin, "Layers of soil");
    await admin.getByRole("button", { name: "Save lesson" }).click();
    // The shared schema's message, next to its field, and nothing sent.
    const minutes = admin.getByLabel("Estimated time (minutes)");
    await expect.poll(() => minutes.getAttribute("aria-invalid")).toBe("true");
    await minutes.fill("12");
    await admin.getByLabel("XP reward").fill("50");
    await saveLesson(admin, "What soil is");
    await publishLesson(admin);
  });

  test("a quiz lesson: a question without its answer is refused on its field, then saved", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await openCourseEditor(admin, org, spaceSlug, courseId, COURSE);
    quizLessonId = await addLesson(admin, "Soil", "Soil quiz");
    await addQuizBlock(admin, {
      passScore: 60,
      attemptLimit: 3,
      questions: [
        { kind: "short", prompt: "Which grain is finest?", answers: ["clay"] },
        {
          kind: "multiple",
          prompt: "Which are in loam?",
          options: ["Sand", "Silt", "Plastic"],
          correct: [0, 1],
        },
      ],
    });
    // A third question, single choice, with no option marked correct.
    const quiz = admin.getByRole("region", { name: /^Quiz block/ });
    await quiz.getByRole("button", { name: "Add question" }).click();
    await quiz.getByLabel("Question 3 text").fill("Is compost soil?");
    const third = quiz.getByRole("group", { name: "Question 3", exact: true });
    await third.getByLabel("Option 1", { exact: true }).fill("Yes");
    await third.getByLabel("Option 2", { exact: true }).fill("No");
    await admin.getByRole("button", { name: "Save lesson" }).click();
    await third.getByText("Mark the correct option").waitFor();
    await third.getByLabel("Option 1 of question 3 is correct").check();
    await saveLesson(admin, "Soil quiz");
    await publishLesson(admin);

    // What the API keeps: the answers, for authors only (lesson.get).
    const kept = JSON.stringify(await trpcQuery(admin, "lesson.get", { id: quizLessonId }, org));
    expect(kept).toContain('"acceptedAnswers":["clay"]');
    expect(kept).toContain('"passScore":60');
    expect(kept).toContain('"attemptLimit":3');
  });

  test("lessons and modules reorder by keyboard and by dragging, and the order is kept", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await openCourseEditor(admin, org, spaceSlug, courseId, COURSE);
    expect(await lessonTitles(admin, "Soil")).toEqual(["What soil is", "Soil quiz"]);
    expect(await moduleTitles(admin)).toEqual(["Soil", "Tools"]);

    // Keyboard: focus the quiz's Move up and press Enter; the focus stays on the moved row.
    const up = admin.getByRole("button", { name: "Move Soil quiz up" });
    await up.focus();
    await admin.keyboard.press("Enter");
    await expect.poll(() => lessonTitles(admin, "Soil")).toEqual(["Soil quiz", "What soil is"]);
    await expect
      .poll(() => admin.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? null))
      .toBe("Move Soil quiz down");

    await admin.getByRole("button", { name: "Move Tools up" }).click();
    await expect.poll(() => moduleTitles(admin)).toEqual(["Tools", "Soil"]);

    // Dragging: the text lesson onto the quiz puts it back first.
    const lessons = admin.getByRole("list", { name: "Lessons in Soil" }).getByRole("listitem");
    await lessons.nth(1).dragTo(lessons.nth(0));
    await expect.poll(() => lessonTitles(admin, "Soil")).toEqual(["What soil is", "Soil quiz"]);

    // Saved: a fresh load shows the same order.
    await admin.reload();
    await admin.getByRole("heading", { level: 1, name: COURSE }).waitFor();
    expect(await moduleTitles(admin)).toEqual(["Tools", "Soil"]);
    expect(await lessonTitles(admin, "Soil")).toEqual(["What soil is", "Soil quiz"]);
  });

  test("the admin publishes the course and previews it as a member", async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    await publishCourse(admin);
    await admin.getByText("Published", { exact: true }).first().waitFor();
    await admin.getByRole("link", { name: "Preview as member" }).click();
    await admin.getByText("Preview as a member who just enrolled", { exact: false }).waitFor();
    const soil = admin.getByRole("list", { name: "Lessons in Soil" });
    await soil.getByText("What soil is").waitFor();
    await soil.getByText("Soil quiz").waitFor();
    expect(await seriousA11yProblems(admin)).toEqual([]);
  });

  // Four pages through axe: a minute is not always enough on a loaded machine.
  test("the editors at 390 px and 1280 px: no sideways scrolling, nothing serious for axe", {
    timeout: 180_000,
  }, async ({ skip }) => {
    skip(flow.failed, "an earlier step failed");
    for (const size of [PHONE, DESKTOP]) {
      await admin.setViewportSize(size);
      await openCourseEditor(admin, org, spaceSlug, courseId, COURSE);
      expect(await pageWidth(admin)).toBeLessThanOrEqual(size.width);
      expect(await seriousA11yProblems(admin)).toEqual([]);
      await admin.getByRole("link", { name: "Soil quiz" }).click();
      await admin.getByRole("heading", { level: 1, name: "Soil quiz" }).waitFor();
      await admin.getByRole("region", { name: /^Quiz block/ }).waitFor();
      expect(await pageWidth(admin)).toBeLessThanOrEqual(size.width);
      expect(await seriousA11yProblems(admin)).toEqual([]);
    }
  });

  test("a duplicate beyond the plan's courses is refused with the way to the plans; delete asks first", async ({
    skip,
  }) => {
    skip(flow.failed, "an earlier step failed");
    await openCourseEditor(admin, org, spaceSlug, courseId, COURSE);
    await admin.getByRole("button", { name: "Duplicate" }).click();
    const dialog = admin.getByRole("dialog", { name: `Duplicate ${COURSE}` });
    await dialog.getByRole("button", { name: "Duplicate" }).click();
    // Free holds one course: the refusal says so and offers the plans to the admin.
    await dialog.getByRole("link", { name: "See plans" }).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await admin.getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = admin.getByRole("dialog", { name: `Delete ${COURSE}?` });
    await confirm.getByRole("button", { name: "Delete course" }).click();
    await admin.waitForURL(new RegExp(`/o/${org}/s/${spaceSlug}$`));
    await expect(
      trpcQuery(admin, "course.outline", { id: courseId, asMember: false }, org),
    ).rejects.toThrow(/NOT_FOUND/);
  });
});
