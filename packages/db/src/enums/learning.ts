// Learning (issue 12): the value lists and limits the database's CHECKs, the API's zod schemas
// and the web's forms share.

/** A course or lesson is written as a draft and shown to members once published. */
export const courseStatuses = ["draft", "published"] as const;
export type CourseStatus = (typeof courseStatuses)[number];

/**
 * Who may enroll: every member who sees the course's space (free), members whose active tier is
 * one of the course's tiers (tier), or members an admin granted it to (grant).
 */
export const courseAccesses = ["free", "tier", "grant"] as const;
export type CourseAccess = (typeof courseAccesses)[number];

/** Seed 004's lesson difficulty. */
export const lessonDifficulties = ["beginner", "intermediate", "advanced"] as const;
export type LessonDifficulty = (typeof lessonDifficulties)[number];

/** A member's progress in a lesson: opened at least once, or completed (which counts once). */
export const lessonProgressStatuses = ["in_progress", "completed"] as const;
export type LessonProgressStatus = (typeof lessonProgressStatuses)[number];

export const COURSE_TITLE_MAX = 120;
export const COURSE_SLUG_MAX = 60;
export const COURSE_DESCRIPTION_MAX = 2000;
export const COURSE_MODULE_TITLE_MAX = 120;
export const LESSON_TITLE_MAX = 120;
export const LESSON_SUBTITLE_MAX = 200;
/** Seed 004's levels start at 1; its level thresholds double, so 30 is beyond any learner. */
export const LESSON_LEVEL_MAX = 30;
export const LESSON_GATE_MAX = 1000;
export const LESSON_MINUTES_MAX = 24 * 60;
export const LESSON_XP_MAX = 100_000;
/** Drip by days after enrollment: at most two years. */
export const LESSON_DRIP_DAYS_MAX = 730;
/** Courses per space, modules per course and lessons per module: a curriculum, not a dump. */
export const COURSES_PER_SPACE_MAX = 200;
export const MODULES_PER_COURSE_MAX = 100;
export const LESSONS_PER_MODULE_MAX = 200;
export const LESSON_PREREQUISITES_MAX = 20;

/** The longest reason an admin gives for revoking a certificate (the table's CHECK). */
export const CERTIFICATE_REVOKE_REASON_MAX = 500;
