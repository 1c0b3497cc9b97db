import type { TRPCRouterRecord } from "@trpc/server";
import {
  courseGrantInput,
  courseIdInput,
  courseOutlineInput,
  courseSpaceInput,
  createCourseInput,
  createModuleInput,
  duplicateCourseInput,
  moduleIdInput,
  reorderCoursesInput,
  reorderModulesInput,
  setCourseStatusInput,
  updateCourseInput,
  updateModuleInput,
} from "../schemas/learning.ts";
import {
  createCourse,
  createModule,
  duplicateCourse,
  grantCourse,
  listCourseGrants,
  removeCourse,
  removeModule,
  reorderCourses,
  reorderModules,
  revokeCourseGrant,
  setCourseStatus,
  updateCourse,
  updateModule,
} from "../services/course.ts";
import { courseOutline, enroll, listCourses } from "../services/course-learning.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

const author = roleProcedure("moderator");

// Courses (services/course.ts, course-learning.ts): whoever sees a course space lists its
// published courses, reads their outlines and enrolls; moderators and up write them; admins
// grant a course to a member. A space or course the caller cannot see is NOT_FOUND.
export const courseRouter = {
  list: orgProcedure
    .input(courseSpaceInput)
    .query(({ ctx, input }) => listCourses(ctx.scope, input)),
  outline: orgProcedure
    .input(courseOutlineInput)
    .query(({ ctx, input }) => courseOutline(ctx.scope, input)),
  enroll: orgProcedure.input(courseIdInput).mutation(({ ctx, input }) => enroll(ctx.scope, input)),
  create: author
    .input(createCourseInput)
    .mutation(({ ctx, input }) => createCourse(ctx.scope, input)),
  update: author
    .input(updateCourseInput)
    .mutation(({ ctx, input }) => updateCourse(ctx.scope, input)),
  setStatus: author
    .input(setCourseStatusInput)
    .mutation(({ ctx, input }) => setCourseStatus(ctx.scope, input)),
  remove: author.input(courseIdInput).mutation(({ ctx, input }) => removeCourse(ctx.scope, input)),
  reorder: author
    .input(reorderCoursesInput)
    .mutation(({ ctx, input }) => reorderCourses(ctx.scope, input)),
  duplicate: author
    .input(duplicateCourseInput)
    .mutation(({ ctx, input }) => duplicateCourse(ctx.scope, input)),
  grant: roleProcedure("admin")
    .input(courseGrantInput)
    .mutation(({ ctx, input }) => grantCourse(ctx.scope, input)),
  grants: roleProcedure("admin")
    .input(courseIdInput)
    .query(({ ctx, input }) => listCourseGrants(ctx.scope, input)),
  revokeGrant: roleProcedure("admin")
    .input(courseGrantInput)
    .mutation(({ ctx, input }) => revokeCourseGrant(ctx.scope, input)),
  createModule: author
    .input(createModuleInput)
    .mutation(({ ctx, input }) => createModule(ctx.scope, input)),
  updateModule: author
    .input(updateModuleInput)
    .mutation(({ ctx, input }) => updateModule(ctx.scope, input)),
  removeModule: author
    .input(moduleIdInput)
    .mutation(({ ctx, input }) => removeModule(ctx.scope, input)),
  reorderModules: author
    .input(reorderModulesInput)
    .mutation(({ ctx, input }) => reorderModules(ctx.scope, input)),
} satisfies TRPCRouterRecord;
