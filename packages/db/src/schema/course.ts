// Learning (issue 12 §1–2): courses in course spaces, their modules and lessons in order, what a
// lesson needs first, who enrolled, each member's progress per lesson and their quiz attempts.
//
// Every table is space-scoped (schema/space.ts): the course space's visibility rule
// (guild_visible_space_ids) hides a private or paid course space's courses, lessons, enrollments
// and progress from whoever does not see the space, on reads and on writes, whatever a query
// forgets. Rows point at each other through (organization, space or course, id), so a lesson can
// never sit in another course's module, nor a course in another organization.
//
// A lesson's content is typed blocks (markdown, video, image, file, callout, quiz) kept as jsonb:
// the API's zod schema (packages/api schemas/learning.ts) validates it on every write and parses
// it again on every read, so a row written by hand cannot reach a member unchecked. Quiz answers
// live in the same blocks; the services strip them from every member's view.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import {
  COURSE_DESCRIPTION_MAX,
  COURSE_MODULE_TITLE_MAX,
  COURSE_SLUG_MAX,
  COURSE_TITLE_MAX,
  courseAccesses,
  courseStatuses,
  LESSON_DRIP_DAYS_MAX,
  LESSON_GATE_MAX,
  LESSON_LEVEL_MAX,
  LESSON_MINUTES_MAX,
  LESSON_SUBTITLE_MAX,
  LESSON_TITLE_MAX,
  LESSON_XP_MAX,
  lessonDifficulties,
  lessonProgressStatuses,
} from "../enums/learning.ts";
import { instant, memberRef, tenantRef, textEnum, updatedAt } from "./helpers.ts";
import { memberTier } from "./member-tier.ts";
import { member } from "./organization.ts";
import { spaceScopedTable } from "./space.ts";

const lengthBetween = (column: unknown, min: number, max: number) =>
  sql`char_length(btrim(${column})) between ${sql.raw(String(min))} and ${sql.raw(String(max))}`;

export const course = spaceScopedTable(
  "course",
  {
    title: text().notNull(),
    /** Its address in the organization (/o/:org/courses/:slug): unique in the organization. */
    slug: text().notNull(),
    description: text().notNull().default(""),
    status: textEnum(courseStatuses).notNull().default("draft"),
    access: textEnum(courseAccesses).notNull().default("free"),
    /** Order in its space, smallest first. */
    position: integer().notNull().default(0),
    publishedAt: instant(),
    /** Null once its creator left the organization. */
    createdByMemberId: uuid(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("course_org_slug_unique").on(t.organizationId, t.slug),
    // Modules, lessons and enrollments point at (organization, space, course).
    unique("course_org_space_id_unique").on(t.organizationId, t.spaceId, t.id),
    check(
      "course_slug_check",
      sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(${t.slug}) <= ${sql.raw(String(COURSE_SLUG_MAX))}`,
    ),
    check("course_title_check", lengthBetween(t.title, 1, COURSE_TITLE_MAX)),
    check(
      "course_description_check",
      sql`char_length(${t.description}) <= ${sql.raw(String(COURSE_DESCRIPTION_MAX))}`,
    ),
    memberRef(t, t.createdByMemberId, "course_created_by_member_fk"),
    // A space's courses in order (the course list).
    index("course_org_space_position_idx").on(t.organizationId, t.spaceId, t.position, t.id),
  ],
);

/** A course with access "tier": the tiers whose holders may enroll. */
export const courseTier = spaceScopedTable(
  "course_tier",
  { courseId: uuid().notNull(), tierId: uuid().notNull() },
  (t) => [
    unique("course_tier_org_course_tier_unique").on(t.organizationId, t.courseId, t.tierId),
    foreignKey({
      name: "course_tier_course_fk",
      columns: [t.organizationId, t.spaceId, t.courseId],
      foreignColumns: [course.organizationId, course.spaceId, course.id],
    }).onDelete("cascade"),
    // A tier that opens a course is archived, never deleted, while it does.
    tenantRef(t, t.tierId, () => memberTier, { onDelete: "restrict", name: "course_tier_tier_fk" }),
    index("course_tier_org_tier_idx").on(t.organizationId, t.tierId),
  ],
);

/** A course with access "grant": the members an admin opened it to. */
export const courseGrant = spaceScopedTable(
  "course_grant",
  {
    courseId: uuid().notNull(),
    memberId: uuid().notNull(),
    /** Null once the admin who granted it left. */
    grantedByMemberId: uuid(),
  },
  (t) => [
    unique("course_grant_org_course_member_unique").on(t.organizationId, t.courseId, t.memberId),
    foreignKey({
      name: "course_grant_course_fk",
      columns: [t.organizationId, t.spaceId, t.courseId],
      foreignColumns: [course.organizationId, course.spaceId, course.id],
    }).onDelete("cascade"),
    tenantRef(t, t.memberId, () => member, { onDelete: "cascade", name: "course_grant_member_fk" }),
    memberRef(t, t.grantedByMemberId, "course_grant_granted_by_member_fk"),
    index("course_grant_org_member_idx").on(t.organizationId, t.memberId),
  ],
);

export const courseModule = spaceScopedTable(
  "course_module",
  {
    courseId: uuid().notNull(),
    title: text().notNull(),
    /** Order in its course, smallest first. */
    position: integer().notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Lessons point at (organization, course, module): never another course's module.
    unique("course_module_org_course_id_unique").on(t.organizationId, t.courseId, t.id),
    foreignKey({
      name: "course_module_course_fk",
      columns: [t.organizationId, t.spaceId, t.courseId],
      foreignColumns: [course.organizationId, course.spaceId, course.id],
    }).onDelete("cascade"),
    check("course_module_title_check", lengthBetween(t.title, 1, COURSE_MODULE_TITLE_MAX)),
    index("course_module_org_course_position_idx").on(
      t.organizationId,
      t.courseId,
      t.position,
      t.id,
    ),
  ],
);

export const lesson = spaceScopedTable(
  "lesson",
  {
    courseId: uuid().notNull(),
    moduleId: uuid().notNull(),
    title: text().notNull(),
    subtitle: text().notNull().default(""),
    difficulty: textEnum(lessonDifficulties).notNull().default("beginner"),
    estimatedMinutes: integer(),
    /** Seed 004's level and gate: where the lesson sits in the curriculum's progression. */
    level: integer().notNull().default(1),
    gate: integer().notNull().default(1),
    xpReward: integer().notNull().default(0),
    /** Drip release: opens this many days after the member enrolled (null: at once)… */
    dripDays: integer(),
    /** …or on this date (null: no date). Both set: whichever comes later. */
    dripAt: instant(),
    status: textEnum(courseStatuses).notNull().default("draft"),
    /** Open to whoever sees the course, enrolled or not, with no other lock. */
    freePreview: boolean().notNull().default(false),
    /** Typed blocks (schemas/learning.ts in the API), validated on every write and read. */
    content: jsonb().$type<unknown>().notNull().default([]),
    /** Order in its module, smallest first. */
    position: integer().notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Prerequisites and progress point at (organization, course, lesson) and (…, space, lesson).
    unique("lesson_org_course_id_unique").on(t.organizationId, t.courseId, t.id),
    unique("lesson_org_space_id_unique").on(t.organizationId, t.spaceId, t.id),
    foreignKey({
      name: "lesson_course_fk",
      columns: [t.organizationId, t.spaceId, t.courseId],
      foreignColumns: [course.organizationId, course.spaceId, course.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "lesson_module_fk",
      columns: [t.organizationId, t.courseId, t.moduleId],
      foreignColumns: [courseModule.organizationId, courseModule.courseId, courseModule.id],
    }).onDelete("cascade"),
    check("lesson_title_check", lengthBetween(t.title, 1, LESSON_TITLE_MAX)),
    check(
      "lesson_subtitle_check",
      sql`char_length(${t.subtitle}) <= ${sql.raw(String(LESSON_SUBTITLE_MAX))}`,
    ),
    check(
      "lesson_minutes_check",
      sql`${t.estimatedMinutes} is null or ${t.estimatedMinutes} between 1 and ${sql.raw(String(LESSON_MINUTES_MAX))}`,
    ),
    check("lesson_level_check", sql`${t.level} between 1 and ${sql.raw(String(LESSON_LEVEL_MAX))}`),
    check("lesson_gate_check", sql`${t.gate} between 1 and ${sql.raw(String(LESSON_GATE_MAX))}`),
    check("lesson_xp_check", sql`${t.xpReward} between 0 and ${sql.raw(String(LESSON_XP_MAX))}`),
    check(
      "lesson_drip_days_check",
      sql`${t.dripDays} is null or ${t.dripDays} between 1 and ${sql.raw(String(LESSON_DRIP_DAYS_MAX))}`,
    ),
    check("lesson_content_check", sql`jsonb_typeof(${t.content}) = 'array'`),
    // A module's lessons in order (the outline).
    index("lesson_org_module_position_idx").on(t.organizationId, t.moduleId, t.position, t.id),
    // A course's lessons (the outline's one read, percent complete).
    index("lesson_org_course_idx").on(t.organizationId, t.courseId),
  ],
);

/** A lesson that must be completed before another opens (both of the same course). */
export const lessonPrerequisite = spaceScopedTable(
  "lesson_prerequisite",
  {
    courseId: uuid().notNull(),
    lessonId: uuid().notNull(),
    requiredLessonId: uuid().notNull(),
  },
  (t) => [
    unique("lesson_prerequisite_org_lesson_required_unique").on(
      t.organizationId,
      t.lessonId,
      t.requiredLessonId,
    ),
    foreignKey({
      name: "lesson_prerequisite_lesson_fk",
      columns: [t.organizationId, t.courseId, t.lessonId],
      foreignColumns: [lesson.organizationId, lesson.courseId, lesson.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "lesson_prerequisite_required_fk",
      columns: [t.organizationId, t.courseId, t.requiredLessonId],
      foreignColumns: [lesson.organizationId, lesson.courseId, lesson.id],
    }).onDelete("cascade"),
    check("lesson_prerequisite_not_self_check", sql`${t.lessonId} <> ${t.requiredLessonId}`),
    index("lesson_prerequisite_org_course_idx").on(t.organizationId, t.courseId),
    // The required lesson's cascade.
    index("lesson_prerequisite_org_required_idx").on(t.organizationId, t.requiredLessonId),
  ],
);

export const courseEnrollment = spaceScopedTable(
  "course_enrollment",
  {
    courseId: uuid().notNull(),
    memberId: uuid().notNull(),
    /** Resume: the lesson the member opened last (null once it is deleted). */
    lastLessonId: uuid(),
    lastOpenedAt: instant(),
    /** Every published lesson completed (set once). */
    completedAt: instant(),
  },
  (t) => [
    unique("course_enrollment_org_course_member_unique").on(
      t.organizationId,
      t.courseId,
      t.memberId,
    ),
    foreignKey({
      name: "course_enrollment_course_fk",
      columns: [t.organizationId, t.spaceId, t.courseId],
      foreignColumns: [course.organizationId, course.spaceId, course.id],
    }).onDelete("cascade"),
    tenantRef(t, t.memberId, () => member, {
      onDelete: "cascade",
      name: "course_enrollment_member_fk",
    }),
    tenantRef(t, t.lastLessonId, () => lesson, {
      onDelete: "set null",
      name: "course_enrollment_last_lesson_fk",
    }),
    // A member's courses (their dashboard).
    index("course_enrollment_org_member_idx").on(t.organizationId, t.memberId, t.createdAt),
  ],
);

/** One row per member and lesson: opened, time spent, quiz scores, completed (once). */
export const lessonProgress = spaceScopedTable(
  "lesson_progress",
  {
    courseId: uuid().notNull(),
    lessonId: uuid().notNull(),
    memberId: uuid().notNull(),
    status: textEnum(lessonProgressStatuses).notNull().default("in_progress"),
    /** The best quiz score (0–100), null before any attempt. */
    score: integer(),
    lastScore: integer(),
    /** Quiz attempts submitted. */
    attempts: integer().notNull().default(0),
    timeSpentSeconds: integer().notNull().default(0),
    /** When the member last opened the lesson or reported time: caps the next report. */
    lastSeenAt: instant(),
    completedAt: instant(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("lesson_progress_org_lesson_member_unique").on(t.organizationId, t.lessonId, t.memberId),
    foreignKey({
      name: "lesson_progress_lesson_fk",
      columns: [t.organizationId, t.courseId, t.lessonId],
      foreignColumns: [lesson.organizationId, lesson.courseId, lesson.id],
    }).onDelete("cascade"),
    tenantRef(t, t.memberId, () => member, {
      onDelete: "cascade",
      name: "lesson_progress_member_fk",
    }),
    check(
      "lesson_progress_score_check",
      sql`(${t.score} is null or ${t.score} between 0 and 100) and (${t.lastScore} is null or ${t.lastScore} between 0 and 100)`,
    ),
    check("lesson_progress_attempts_check", sql`${t.attempts} >= 0`),
    check("lesson_progress_time_check", sql`${t.timeSpentSeconds} >= 0`),
    check(
      "lesson_progress_completed_check",
      sql`(${t.status} = 'completed') = (${t.completedAt} is not null)`,
    ),
    // A member's progress in a course (the outline, percent complete).
    index("lesson_progress_org_member_course_idx").on(t.organizationId, t.memberId, t.courseId),
    // A lesson's learners (analytics, the lesson's cascade).
    index("lesson_progress_org_lesson_idx").on(t.organizationId, t.lessonId),
  ],
);

/** A submitted quiz: the member's answers, graded on the server. */
export const quizAttempt = spaceScopedTable(
  "quiz_attempt",
  {
    courseId: uuid().notNull(),
    lessonId: uuid().notNull(),
    memberId: uuid().notNull(),
    answers: jsonb().$type<unknown>().notNull(),
    score: integer().notNull(),
    passed: boolean().notNull(),
  },
  (t) => [
    foreignKey({
      name: "quiz_attempt_lesson_fk",
      columns: [t.organizationId, t.courseId, t.lessonId],
      foreignColumns: [lesson.organizationId, lesson.courseId, lesson.id],
    }).onDelete("cascade"),
    tenantRef(t, t.memberId, () => member, { onDelete: "cascade", name: "quiz_attempt_member_fk" }),
    check("quiz_attempt_score_check", sql`${t.score} between 0 and 100`),
    // A member's attempts at a lesson's quiz, newest first.
    index("quiz_attempt_org_lesson_member_idx").on(
      t.organizationId,
      t.lessonId,
      t.memberId,
      t.createdAt,
    ),
    index("quiz_attempt_org_member_idx").on(t.organizationId, t.memberId),
  ],
);
