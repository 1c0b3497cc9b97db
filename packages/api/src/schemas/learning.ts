// Learning (issue 12): the inputs of the course, lesson and quiz procedures, and lesson content
// as typed blocks, shared with the web's authoring forms and lesson screens.
//
// A quiz question carries its answers only in the author's view (these schemas, which validate
// what authors write). Members get QuizQuestionView, which has no answer field at all: the
// services build it field by field, never by removing fields from the author's object.
import {
  COURSE_DESCRIPTION_MAX,
  COURSE_MODULE_TITLE_MAX,
  COURSE_TITLE_MAX,
  COURSES_PER_SPACE_MAX,
  courseAccesses,
  courseStatuses,
  LESSON_DRIP_DAYS_MAX,
  LESSON_GATE_MAX,
  LESSON_LEVEL_MAX,
  LESSON_MINUTES_MAX,
  LESSON_PREREQUISITES_MAX,
  LESSON_SUBTITLE_MAX,
  LESSON_TITLE_MAX,
  LESSON_XP_MAX,
  LESSONS_PER_MODULE_MAX,
  lessonDifficulties,
  MODULES_PER_COURSE_MAX,
} from "@guild/db/enums";
import { z } from "zod";
import { idSchema, lineOfText, text, timestamp } from "./common.ts";
import { publicPageInput } from "./join.ts";
import { spaceSlug } from "./space.ts";

// ---- lesson content ---------------------------------------------------------------------------

export const MARKDOWN_BLOCK_MAX = 20_000;
export const BLOCKS_PER_LESSON_MAX = 100;
export const QUESTIONS_PER_QUIZ_MAX = 50;
export const OPTIONS_PER_QUESTION_MAX = 10;
export const SHORT_ANSWER_MAX = 500;
/** Seconds one time report may add: clients report every minute or so while a lesson is open. */
export const TIME_REPORT_MAX_SECONDS = 300;

/** A block's, question's or option's id: chosen by the editor, stable across edits. */
const localId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, "Use letters, digits, dashes or underscores (at most 40)");

const markdown = text().max(
  MARKDOWN_BLOCK_MAX,
  `A block has at most ${MARKDOWN_BLOCK_MAX.toLocaleString("en")} characters`,
);

/** http or https only: javascript: or data: would run or render in the learner's page. */
const webAddress = text()
  .trim()
  .max(2000, "A web address has at most 2,000 characters")
  .pipe(
    z.url({
      protocol: /^https?$/,
      hostname: z.regexes.domain,
      error: "Enter a web address starting with http:// or https://",
    }),
  );

const choice = z.object({
  id: localId,
  text: lineOfText().trim().min(1, "Write the option").max(300, "At most 300 characters"),
});

const prompt = text().trim().min(1, "Write the question").max(2000, "At most 2,000 characters");

export const singleChoiceQuestion = z.object({
  id: localId,
  kind: z.literal("single"),
  prompt,
  options: z
    .array(choice)
    .min(2, "Give at least 2 options")
    .max(OPTIONS_PER_QUESTION_MAX, `At most ${OPTIONS_PER_QUESTION_MAX} options`),
  correctOptionId: localId,
});

export const multipleChoiceQuestion = z.object({
  id: localId,
  kind: z.literal("multiple"),
  prompt,
  options: z
    .array(choice)
    .min(2, "Give at least 2 options")
    .max(OPTIONS_PER_QUESTION_MAX, `At most ${OPTIONS_PER_QUESTION_MAX} options`),
  correctOptionIds: z
    .array(localId)
    .min(1, "Mark at least one option correct")
    .max(OPTIONS_PER_QUESTION_MAX),
});

export const shortAnswerQuestion = z.object({
  id: localId,
  kind: z.literal("short"),
  prompt,
  /** Compared ignoring case, surrounding spaces and repeated spaces. */
  acceptedAnswers: z
    .array(lineOfText().trim().min(1, "Write the answer").max(SHORT_ANSWER_MAX))
    .min(1, "Give at least one accepted answer")
    .max(20, "At most 20 accepted answers"),
});

export const quizQuestion = z
  .discriminatedUnion("kind", [singleChoiceQuestion, multipleChoiceQuestion, shortAnswerQuestion])
  .superRefine((question, ctx) => {
    if (question.kind === "short") return;
    const options = new Set(question.options.map((o) => o.id));
    if (options.size !== question.options.length)
      ctx.addIssue({ code: "custom", message: "Two options share an id", path: ["options"] });
    const correct =
      question.kind === "single" ? [question.correctOptionId] : question.correctOptionIds;
    if (correct.some((id) => !options.has(id)) || new Set(correct).size !== correct.length)
      ctx.addIssue({
        code: "custom",
        message: "Mark correct options among the question's own",
        path: [question.kind === "single" ? "correctOptionId" : "correctOptionIds"],
      });
  });
export type QuizQuestion = z.output<typeof quizQuestion>;

export const quizBlock = z
  .object({
    id: localId,
    type: z.literal("quiz"),
    /** The score (0–100) that passes; passing completes the lesson. */
    passScore: z.int().min(0).max(100).default(70),
    /** Attempts a member gets; null: as many as they like. */
    attemptLimit: z.int().min(1).max(100).nullable().default(null),
    questions: z
      .array(quizQuestion)
      .min(1, "Add a question")
      .max(QUESTIONS_PER_QUIZ_MAX, `At most ${QUESTIONS_PER_QUIZ_MAX} questions`),
  })
  .superRefine((quiz, ctx) => {
    if (new Set(quiz.questions.map((q) => q.id)).size !== quiz.questions.length)
      ctx.addIssue({ code: "custom", message: "Two questions share an id", path: ["questions"] });
  });
export type QuizBlock = z.output<typeof quizBlock>;

export const lessonBlock = z.discriminatedUnion("type", [
  z.object({ id: localId, type: z.literal("markdown"), markdown }),
  z.object({ id: localId, type: z.literal("video"), url: webAddress }),
  z.object({
    id: localId,
    type: z.literal("image"),
    /** A platform file (an image) of the organization. */
    fileId: idSchema,
    alt: lineOfText().trim().max(300, "At most 300 characters"),
  }),
  z.object({
    id: localId,
    type: z.literal("file"),
    fileId: idSchema,
    label: lineOfText().trim().max(120, "At most 120 characters").default(""),
  }),
  z.object({
    id: localId,
    type: z.literal("callout"),
    tone: z.enum(["info", "tip", "warning"], "Choose a tone"),
    markdown,
  }),
  quizBlock,
]);
export type LessonBlock = z.output<typeof lessonBlock>;

/** A lesson's blocks: unique ids, at most one quiz (a lesson's pass mark is that quiz's). */
export const lessonContent = z
  .array(lessonBlock)
  .max(BLOCKS_PER_LESSON_MAX, `A lesson has at most ${BLOCKS_PER_LESSON_MAX} blocks`)
  .superRefine((blocks, ctx) => {
    if (new Set(blocks.map((b) => b.id)).size !== blocks.length)
      ctx.addIssue({ code: "custom", message: "Two blocks share an id" });
    if (blocks.filter((b) => b.type === "quiz").length > 1)
      ctx.addIssue({ code: "custom", message: "A lesson has at most one quiz" });
  });

/** A quiz question as members see it: no answer in it, whatever the kind. */
export type QuizQuestionView =
  | {
      id: string;
      kind: "single" | "multiple";
      prompt: string;
      options: { id: string; text: string }[];
    }
  | { id: string; kind: "short"; prompt: string };

/** A block as members see it: every block but a quiz as written; a quiz without its answers. */
export type LessonBlockView =
  | Exclude<LessonBlock, { type: "quiz" }>
  | {
      id: string;
      type: "quiz";
      passScore: number;
      attemptLimit: number | null;
      questions: QuizQuestionView[];
    };

/**
 * Why a lesson is closed to the caller, as data the outline words ("complete X first", "reach
 * level 3", "Pro tier", "opens on 12 March"). Opening a closed lesson is FORBIDDEN with the same
 * list (reason LESSON_LOCKED).
 */
export type LessonLock =
  | { kind: "enrollment" }
  | { kind: "tier"; tierName: string }
  | { kind: "grant" }
  | { kind: "prerequisite"; lessonId: string; lessonTitle: string }
  | { kind: "level"; level: number }
  /** The member's tier opens lessons up to `maxLevel` (seed 004's level access limit). */
  | { kind: "tierLevel"; tierName: string; maxLevel: number }
  | { kind: "drip"; opensAt: Date };

// ---- courses ----------------------------------------------------------------------------------

export const courseTitle = lineOfText()
  .trim()
  .min(1, "Give the course a title")
  .max(COURSE_TITLE_MAX, `A title has at most ${COURSE_TITLE_MAX} characters`);

export const courseFields = z.object({
  title: courseTitle,
  slug: spaceSlug,
  description: text()
    .trim()
    .max(
      COURSE_DESCRIPTION_MAX,
      `At most ${COURSE_DESCRIPTION_MAX.toLocaleString("en")} characters`,
    )
    .default(""),
  access: z.enum(courseAccesses, "Choose who can enroll").default("free"),
  /** With access "tier": the tiers whose holders may enroll (ignored otherwise). */
  tierIds: z.array(idSchema).max(50).default([]),
});

export const createCourseInput = courseFields.extend({ spaceId: idSchema });
export const updateCourseInput = courseFields.extend({ id: idSchema });
export const courseIdInput = z.object({ id: idSchema });
export const courseOutlineInput = z.object({
  id: idSchema,
  /**
   * Authors: the outline as a member who just enrolled sees it (published lessons only, level 1,
   * no progress: prerequisite, level and drip locks as they would stand). Ignored for members.
   */
  asMember: z.boolean().default(false),
});
/** The public course page (/c/:slug/courses/:courseId): the organization as its address names it. */
export const publicCourseInput = z.object({ slug: publicPageInput.shape.slug, courseId: idSchema });
export const publicLessonInput = publicCourseInput.extend({ lessonId: idSchema });
export const courseSpaceInput = z.object({ spaceId: idSchema });
export const setCourseStatusInput = z.object({
  id: idSchema,
  status: z.enum(courseStatuses, "Choose draft or published"),
});
export const reorderCoursesInput = z.object({
  spaceId: idSchema,
  /** Every course of the space, in their new order. */
  ids: z.array(idSchema).min(1).max(COURSES_PER_SPACE_MAX),
});
export const duplicateCourseInput = z.object({ id: idSchema, title: courseTitle, slug: spaceSlug });
export const courseGrantInput = z.object({ courseId: idSchema, memberId: idSchema });

// ---- modules ----------------------------------------------------------------------------------

const moduleTitle = lineOfText()
  .trim()
  .min(1, "Give the module a title")
  .max(COURSE_MODULE_TITLE_MAX, `A title has at most ${COURSE_MODULE_TITLE_MAX} characters`);

export const createModuleInput = z.object({ courseId: idSchema, title: moduleTitle });
export const updateModuleInput = z.object({ id: idSchema, title: moduleTitle });
export const moduleIdInput = z.object({ id: idSchema });
export const reorderModulesInput = z.object({
  courseId: idSchema,
  /** Every module of the course, in their new order. */
  ids: z.array(idSchema).min(1).max(MODULES_PER_COURSE_MAX),
});

// ---- lessons ----------------------------------------------------------------------------------

export const lessonFields = z.object({
  title: lineOfText()
    .trim()
    .min(1, "Give the lesson a title")
    .max(LESSON_TITLE_MAX, `A title has at most ${LESSON_TITLE_MAX} characters`),
  subtitle: lineOfText()
    .trim()
    .max(LESSON_SUBTITLE_MAX, `A subtitle has at most ${LESSON_SUBTITLE_MAX} characters`)
    .default(""),
  difficulty: z.enum(lessonDifficulties, "Choose a difficulty").default("beginner"),
  estimatedMinutes: z.int().min(1).max(LESSON_MINUTES_MAX).nullable().default(null),
  level: z.int().min(1).max(LESSON_LEVEL_MAX).default(1),
  gate: z.int().min(1).max(LESSON_GATE_MAX).default(1),
  xpReward: z.int().min(0).max(LESSON_XP_MAX).default(0),
  /** Opens this many days after the member enrolled (null: at once). */
  dripDays: z.int().min(1).max(LESSON_DRIP_DAYS_MAX).nullable().default(null),
  /** Opens on this date (null: no date). */
  dripAt: timestamp().nullable().default(null),
  freePreview: z.boolean().default(false),
  content: lessonContent.default([]),
  /** Lessons of the same course to complete first. */
  prerequisiteIds: z
    .array(idSchema)
    .max(LESSON_PREREQUISITES_MAX, `At most ${LESSON_PREREQUISITES_MAX} prerequisites`)
    .default([]),
});

export const createLessonInput = lessonFields.extend({ moduleId: idSchema });
export const updateLessonInput = lessonFields.extend({ id: idSchema });
export const lessonIdInput = z.object({ id: idSchema });
export const setLessonStatusInput = z.object({
  id: idSchema,
  status: z.enum(courseStatuses, "Choose draft or published"),
});
export const reorderLessonsInput = z.object({
  moduleId: idSchema,
  /** Every lesson of the module, in their new order. */
  ids: z.array(idSchema).min(1).max(LESSONS_PER_MODULE_MAX),
});
export const moveLessonInput = z.object({ id: idSchema, moduleId: idSchema });

// ---- learning ---------------------------------------------------------------------------------

export const reportTimeInput = z.object({
  id: idSchema,
  /** Seconds spent in the lesson since the last report (capped by the server, see lesson.ts). */
  seconds: z.int().min(1).max(TIME_REPORT_MAX_SECONDS),
});

export const quizAnswer = z.object({
  questionId: localId,
  /** Single and multiple choice: the chosen options. */
  optionIds: z.array(localId).max(OPTIONS_PER_QUESTION_MAX).default([]),
  /** Short answer. */
  text: lineOfText().trim().max(SHORT_ANSWER_MAX).default(""),
});
export type QuizAnswer = z.output<typeof quizAnswer>;

export const submitQuizInput = z.object({
  lessonId: idSchema,
  answers: z.array(quizAnswer).max(QUESTIONS_PER_QUIZ_MAX),
});
