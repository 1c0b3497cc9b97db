import type { TRPCRouterRecord } from "@trpc/server";
import { publicCourseInput, publicLessonInput } from "../schemas/learning.ts";
import { publicCourse, publicLesson } from "../services/public-course.ts";
import { publicRead } from "./join.ts";

/**
 * A course's public page (/c/:slug/courses/:courseId) and its free preview lessons, for anyone,
 * signed out included: page views of the organization's front door, limited with its other pages.
 */
export const publicCourseRouter = {
  get: publicRead.input(publicCourseInput).query(async ({ ctx, input }) => {
    const session = await ctx.getSession();
    return publicCourse(ctx.db, ctx.clock, input, session ? { userId: session.user.id } : null);
  }),
  lesson: publicRead
    .input(publicLessonInput)
    .query(({ ctx, input }) => publicLesson(ctx.db, ctx.clock, input)),
} satisfies TRPCRouterRecord;
