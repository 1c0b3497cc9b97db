import type { Locator, Page } from "playwright-core";
import { idOf, trpc } from "./trpc.ts";

// Course authoring through its screens (the course editor and the lesson editor), step by step,
// for any flow that needs a course an author built by hand: course-authoring.test.ts, and the
// learning flow (an admin builds a course with a quiz; a member takes it). Each helper starts
// and ends on a known screen and waits for what it did to show.

/** A public course space, made through the API (the space's own screens are spaces.test's). */
export async function createCourseSpace(
  page: Page,
  org: string,
  space: { name: string; slug: string },
): Promise<string> {
  const made = await trpc(
    page,
    "space.create",
    { ...space, description: "", icon: "", type: "course", visibility: "public", section: "" },
    org,
  );
  return idOf(made);
}

/**
 * From the course space's page: New course, a title, Create; ends in the course editor.
 * Returns the course's id (from the editor's address).
 */
export async function createCourseFromSpace(
  page: Page,
  org: string,
  spaceSlug: string,
  title: string,
): Promise<string> {
  await page.goto(`/o/${org}/s/${spaceSlug}`);
  await page.getByRole("button", { name: "New course" }).click();
  const dialog = page.getByRole("dialog", { name: "New course" });
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByRole("button", { name: "Create course" }).click();
  await page.waitForURL(/\/courses\/[0-9a-f-]{36}\/edit$/);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  const id = page.url().match(/\/courses\/([0-9a-f-]{36})\/edit$/)?.[1];
  if (!id) throw new Error(`no course id in ${page.url()}`);
  return id;
}

/** In the course editor: adds a module at the end and waits for its section. */
export async function addModule(page: Page, title: string): Promise<Locator> {
  await page.getByLabel("New module").fill(title);
  await page.getByRole("button", { name: "Add module" }).click();
  const section = page.getByRole("region", { name: `Module ${title}` });
  await section.waitFor();
  return section;
}

/** In the course editor: adds a lesson to a module; ends in that lesson's editor. */
export async function addLesson(page: Page, moduleTitle: string, title: string): Promise<string> {
  await page.getByLabel(`New lesson in ${moduleTitle}`).fill(title);
  await page
    .getByRole("region", { name: `Module ${moduleTitle}` })
    .getByRole("button", { name: "Add lesson" })
    .click();
  await page.waitForURL(/\/edit\/lessons\/[0-9a-f-]{36}$/);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  const id = page.url().match(/\/lessons\/([0-9a-f-]{36})$/)?.[1];
  if (!id) throw new Error(`no lesson id in ${page.url()}`);
  return id;
}

/** In the lesson editor: adds a Text block with `markdown` (not saved yet). */
export async function addTextBlock(page: Page, markdown: string) {
  await page.getByRole("button", { name: "Add Text block" }).click();
  await page.getByLabel("Text (Markdown)").last().fill(markdown);
}

/** A tiny PNG (its first bytes are what the upload's inspection recognizes). */
export function tinyPng(): Buffer {
  const bytes = Buffer.alloc(64);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
}

/**
 * In the lesson editor: adds an Image block and uploads `png` for it by keyboard, with its alt
 * text (not saved yet). Waits until the block shows the uploaded image.
 */
export async function addImageBlock(page: Page, alt: string, png: Buffer = tinyPng()) {
  await page.getByRole("button", { name: "Add Image block" }).click();
  const block = page.getByRole("region", { name: /^Image block/ }).last();
  const chooser = page.waitForEvent("filechooser");
  await block.getByRole("button", { name: "Upload an image" }).focus();
  await page.keyboard.press("Enter");
  await (await chooser).setFiles({ name: "diagram.png", mimeType: "image/png", buffer: png });
  await block.getByRole("button", { name: "Replace the image" }).waitFor();
  await block.getByLabel("Alt text").fill(alt);
  await block.getByRole("img", { name: alt }).waitFor();
}

export type QuizQuestionSpec =
  | { kind: "single"; prompt: string; options: string[]; correct: number }
  | { kind: "multiple"; prompt: string; options: string[]; correct: number[] }
  | { kind: "short"; prompt: string; answers: string[] };

/** In the lesson editor: adds the lesson's quiz with its questions (not saved yet). */
export async function addQuizBlock(
  page: Page,
  quiz: { passScore?: number; attemptLimit?: number; questions: QuizQuestionSpec[] },
) {
  await page.getByRole("button", { name: "Add Quiz block" }).click();
  const block = page.getByRole("region", { name: /^Quiz block/ });
  if (quiz.passScore !== undefined)
    await block.getByLabel("Pass score (%)").fill(String(quiz.passScore));
  if (quiz.attemptLimit !== undefined)
    await block.getByLabel("Attempts allowed").fill(String(quiz.attemptLimit));
  for (const [index, question] of quiz.questions.entries()) {
    const n = index + 1;
    if (index > 0) await block.getByRole("button", { name: "Add question" }).click();
    await block.getByLabel(`Question ${n} type`).selectOption(question.kind);
    await block.getByLabel(`Question ${n} text`).fill(question.prompt);
    if (question.kind === "short") {
      await block.getByLabel(`Accepted answers to question ${n}`).fill(question.answers.join("\n"));
      continue;
    }
    const group = block.getByRole("group", { name: `Question ${n}`, exact: true });
    for (const [o, text] of question.options.entries()) {
      if (o >= 2) await group.getByRole("button", { name: "Add option" }).click();
      await group.getByLabel(`Option ${o + 1}`, { exact: true }).fill(text);
    }
    const correct = question.kind === "single" ? [question.correct] : question.correct;
    for (const o of correct)
      await group.getByLabel(`Option ${o + 1} of question ${n} is correct`).check();
  }
}

/** In the lesson editor: saves and waits for the confirmation. */
export async function saveLesson(page: Page, title: string) {
  await page.getByRole("button", { name: "Save lesson" }).click();
  await page.getByText(`Saved ${title}.`).first().waitFor();
}

/** In the lesson editor: publishes the lesson. */
export async function publishLesson(page: Page) {
  await page.getByRole("button", { name: "Publish lesson" }).click();
  await page.getByRole("button", { name: "Unpublish lesson" }).waitFor();
}

/** From anywhere: opens the course editor. */
export async function openCourseEditor(
  page: Page,
  org: string,
  spaceSlug: string,
  courseId: string,
  title: string,
) {
  await page.goto(`/o/${org}/s/${spaceSlug}/courses/${courseId}/edit`);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

/** In the course editor: publishes the course. */
export async function publishCourse(page: Page) {
  await page.getByRole("button", { name: "Publish course" }).click();
  await page.getByRole("button", { name: "Unpublish course" }).waitFor();
}

/** The lesson titles of a module as the course editor lists them, in order. */
export async function lessonTitles(page: Page, moduleTitle: string): Promise<string[]> {
  return page
    .getByRole("list", { name: `Lessons in ${moduleTitle}` })
    .getByRole("listitem")
    .getByRole("link")
    .allInnerTexts();
}

/** The module titles as the course editor lists them, in order. */
export async function moduleTitles(page: Page): Promise<string[]> {
  return page
    .getByRole("list", { name: "Modules" })
    .getByRole("heading", { level: 3 })
    .allInnerTexts();
}

/**
 * The whole build in one call, by hand through the editors: a course with one module, a text
 * lesson and a quiz lesson (single choice + short answer), each published, and the course
 * published. For the learning flow, which then takes the course as a member.
 */
export async function buildCourseWithQuiz(
  page: Page,
  org: string,
  spaceSlug: string,
  course: {
    title: string;
    module: string;
    textLesson: { title: string; markdown: string; xpReward?: number };
    quizLesson: {
      title: string;
      passScore: number;
      questions: QuizQuestionSpec[];
      xpReward?: number;
    };
  },
): Promise<{ courseId: string; textLessonId: string; quizLessonId: string }> {
  const courseId = await createCourseFromSpace(page, org, spaceSlug, course.title);
  await addModule(page, course.module);
  const textLessonId = await addLesson(page, course.module, course.textLesson.title);
  await addTextBlock(page, course.textLesson.markdown);
  if (course.textLesson.xpReward !== undefined)
    await page.getByLabel("XP reward").fill(String(course.textLesson.xpReward));
  await saveLesson(page, course.textLesson.title);
  await publishLesson(page);
  await openCourseEditor(page, org, spaceSlug, courseId, course.title);
  const quizLessonId = await addLesson(page, course.module, course.quizLesson.title);
  await addQuizBlock(page, {
    passScore: course.quizLesson.passScore,
    questions: course.quizLesson.questions,
  });
  if (course.quizLesson.xpReward !== undefined)
    await page.getByLabel("XP reward").fill(String(course.quizLesson.xpReward));
  await saveLesson(page, course.quizLesson.title);
  await publishLesson(page);
  await openCourseEditor(page, org, spaceSlug, courseId, course.title);
  await publishCourse(page);
  return { courseId, textLessonId, quizLessonId };
}
