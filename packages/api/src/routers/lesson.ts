import type { TRPCRouterRecord } from "@trpc/server";
import { courseFileUploadInput } from "../schemas/file.ts";
import {
  createLessonInput,
  lessonIdInput,
  moveLessonInput,
  reorderLessonsInput,
  reportTimeInput,
  setLessonStatusInput,
  submitQuizInput,
  updateLessonInput,
} from "../schemas/learning.ts";
import { startCourseFileUpload } from "../services/course-file.ts";
import {
  completeLesson,
  createLesson,
  getLessonForEditing,
  moveLesson,
  openLesson,
  removeLesson,
  reorderLessons,
  reportTime,
  setLessonStatus,
  updateLesson,
} from "../services/lesson.ts";
import { submitQuiz } from "../services/quiz.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";
import { uploadRateLimit } from "./file.ts";

const author = roleProcedure("moderator");

// Lessons (services/lesson.ts, quiz.ts): members open, complete and time the lessons open to
// them and take their quizzes (a locked lesson is FORBIDDEN with reason LESSON_LOCKED and its
// locks); moderators and up write them, and only they read a quiz's answers (lesson.get).
export const lessonRouter = {
  open: orgProcedure.input(lessonIdInput).query(({ ctx, input }) => openLesson(ctx.scope, input)),
  complete: orgProcedure
    .input(lessonIdInput)
    .mutation(({ ctx, input }) => completeLesson(ctx.scope, input)),
  reportTime: orgProcedure
    .input(reportTimeInput)
    .mutation(({ ctx, input }) => reportTime(ctx.scope, input)),
  submitQuiz: orgProcedure
    .input(submitQuizInput)
    .mutation(({ ctx, input }) => submitQuiz(ctx.scope, input)),
  get: author.input(lessonIdInput).query(({ ctx, input }) => getLessonForEditing(ctx.scope, input)),
  create: author
    .input(createLessonInput)
    .mutation(({ ctx, input }) => createLesson(ctx.scope, input)),
  update: author
    .input(updateLessonInput)
    .mutation(({ ctx, input }) => updateLesson(ctx.scope, input)),
  setStatus: author
    .input(setLessonStatusInput)
    .mutation(({ ctx, input }) => setLessonStatus(ctx.scope, input)),
  remove: author.input(lessonIdInput).mutation(({ ctx, input }) => removeLesson(ctx.scope, input)),
  reorder: author
    .input(reorderLessonsInput)
    .mutation(({ ctx, input }) => reorderLessons(ctx.scope, input)),
  move: author.input(moveLessonInput).mutation(({ ctx, input }) => moveLesson(ctx.scope, input)),
  startFileUpload: author
    .concat(uploadRateLimit)
    .input(courseFileUploadInput)
    .mutation(({ ctx, input }) => startCourseFileUpload(ctx.scope, ctx.storage, input)),
} satisfies TRPCRouterRecord;
