// Learning (issue 12 §2): what a member sees of courses and where they stand. The course list
// of a space, enrolling, and the outline with every lesson's locks as data. The same lock rule
// (locksOf) decides the outline's padlocks and whether lesson.open, lesson.complete and
// quiz.submit go through (lesson.ts, quiz.ts): a lock is enforced on the server, never only
// drawn in the UI.
//
// Locks: a course by tier opens to holders of one of its tiers, a course by grant to members an
// admin granted it; a lesson needs the member enrolled, its prerequisites completed, and its drip
// date passed (N days after enrollment, or a date). Free preview lessons open to whoever sees the
// course. Authors (moderators and up) are never locked: they check their course as they write it.
//
// Level gates: a lesson of level n opens to members whose level (seed 004's rule over their
// all-time XP from the XP ledger, schemas/xp-level.ts) is n or more.
import {
  and,
  asc,
  count,
  course,
  courseEnrollment,
  courseGrant,
  courseModule,
  eq,
  inArray,
  type LessonDifficulty,
  type LessonProgressStatus,
  lesson,
  lessonPrerequisite,
  lessonProgress,
  memberTier,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import type {
  courseIdInput,
  courseOutlineInput,
  courseSpaceInput,
  LessonLock,
} from "../schemas/learning.ts";
import { levelForXp } from "../schemas/xp-level.ts";
import {
  authors,
  type CourseRow,
  type CourseTierView,
  courseColumns,
  courseSpace,
  lessonColumns,
  readCourse,
  tiersOfCourses,
} from "./course.ts";
import { activeTierOf } from "./member-tier.ts";
import { xpTotalOf } from "./xp.ts";

const DAY_MS = 24 * 3600 * 1000;

/** Where the caller stands with a course: author, enrolled, and what their access lacks. */
export interface LearnerState {
  author: boolean;
  /** The acting member (null for the system). */
  memberId: string | null;
  /** The course's tier or grant the caller lacks (null: they may enroll). */
  accessLock: LessonLock | null;
  enrollment: {
    enrolledAt: Date;
    lastLessonId: string | null;
    completedAt: Date | null;
  } | null;
  /** The member's level from their XP (null for authors and the system: never level-locked). */
  level: number | null;
  /** The level cap of the tier through which they take a course by tier (null: none). */
  tierLevelCap?: { tierName: string; maxLevel: number } | null;
}

export async function learnerState(
  scope: TenantScope,
  target: CourseRow,
  tiers?: CourseTierView[],
): Promise<LearnerState> {
  const author = authors(scope);
  if (scope.actor.kind !== "member")
    return { author, memberId: null, accessLock: null, enrollment: null, level: null };
  const { memberId, userId } = scope.actor;
  let accessLock: LessonLock | null = null;
  let tierLevelCap: LearnerState["tierLevelCap"] = null;
  if (!author && target.access === "tier") {
    const courseTiers = tiers ?? (await tiersOfCourses(scope, [target.id])).get(target.id) ?? [];
    const held = await activeTierOf(scope, userId);
    if (!held || !courseTiers.some((t) => t.id === held.tierId))
      accessLock = { kind: "tier", tierName: courseTiers[0]?.name ?? "A tier" };
    else tierLevelCap = await levelCapOf(scope, held.tierId, held.name);
  } else if (!author && target.access === "grant") {
    const [grant] = await scope.db
      .select({ id: courseGrant.id })
      .from(courseGrant)
      .where(
        and(
          eq(courseGrant.organizationId, scope.organizationId),
          eq(courseGrant.courseId, target.id),
          eq(courseGrant.memberId, memberId),
        ),
      );
    if (!grant) accessLock = { kind: "grant" };
  }
  const [enrolled] = await scope.db
    .select({
      enrolledAt: courseEnrollment.createdAt,
      lastLessonId: courseEnrollment.lastLessonId,
      completedAt: courseEnrollment.completedAt,
    })
    .from(courseEnrollment)
    .where(
      and(
        eq(courseEnrollment.organizationId, scope.organizationId),
        eq(courseEnrollment.courseId, target.id),
        eq(courseEnrollment.memberId, memberId),
      ),
    );
  const level = author ? null : levelForXp((await xpTotalOf(scope, memberId)).xp);
  return { author, memberId, accessLock, enrollment: enrolled ?? null, level, tierLevelCap };
}

/** The tier's lesson level cap (seed 004's level access limit), or null for none. */
async function levelCapOf(scope: TenantScope, tierId: string, tierName: string) {
  const [row] = await scope.db
    .select({ maxLevel: memberTier.maxLessonLevel })
    .from(memberTier)
    .where(and(eq(memberTier.organizationId, scope.organizationId), eq(memberTier.id, tierId)));
  return row?.maxLevel == null ? null : { tierName, maxLevel: row.maxLevel };
}

/** What the lock rule needs of a lesson. */
export interface LockableLesson {
  id: string;
  freePreview: boolean;
  level: number;
  dripDays: number | null;
  dripAt: Date | null;
  prerequisiteIds: string[];
}

/** When a dripped lesson opens for this enrollment: the later of its date and its day count. */
function opensAt(target: LockableLesson, enrolledAt: Date | null): Date | null {
  const byDays =
    target.dripDays !== null && enrolledAt
      ? new Date(enrolledAt.getTime() + target.dripDays * DAY_MS)
      : null;
  if (byDays && target.dripAt) return new Date(Math.max(byDays.getTime(), target.dripAt.getTime()));
  return byDays ?? target.dripAt;
}

/**
 * Why `target` is closed to the caller now (empty: it is open). `published` holds the course's
 * published lessons by id (a draft prerequisite cannot be completed, so it does not lock);
 * `completed` the caller's completed lessons.
 */
export function locksOf(
  state: LearnerState,
  target: LockableLesson,
  published: ReadonlyMap<string, { title: string }>,
  completed: ReadonlySet<string>,
  now: Date,
): LessonLock[] {
  if (state.author || target.freePreview) return [];
  const locks: LessonLock[] = [];
  if (state.accessLock) locks.push(state.accessLock);
  else if (!state.enrollment) locks.push({ kind: "enrollment" });
  for (const id of target.prerequisiteIds) {
    const required = published.get(id);
    if (required && !completed.has(id))
      locks.push({ kind: "prerequisite", lessonId: id, lessonTitle: required.title });
  }
  if (state.level !== null && target.level > state.level)
    locks.push({ kind: "level", level: target.level });
  const cap = state.tierLevelCap;
  if (cap && target.level > cap.maxLevel)
    locks.push({ kind: "tierLevel", tierName: cap.tierName, maxLevel: cap.maxLevel });
  const opening = opensAt(target, state.enrollment?.enrolledAt ?? null);
  if (opening && opening > now) locks.push({ kind: "drip", opensAt: opening });
  return locks;
}

/** A refusal naming the first lock in words, with every lock in the error's data. */
export function lockedError(locks: LessonLock[]): AppError {
  const first = locks[0];
  const message = !first
    ? "This lesson is locked"
    : first.kind === "enrollment"
      ? "Enroll in the course to open this lesson"
      : first.kind === "tier"
        ? `This course is for the ${first.tierName} tier`
        : first.kind === "grant"
          ? "An admin opens this course to its learners"
          : first.kind === "prerequisite"
            ? `Complete “${first.lessonTitle}” first`
            : first.kind === "level"
              ? `Reach level ${first.level} to open this lesson`
              : first.kind === "tierLevel"
                ? `The ${first.tierName} tier opens lessons up to level ${first.maxLevel}`
                : `This lesson opens on ${first.opensAt.toISOString().slice(0, 10)}`;
  return new AppError("FORBIDDEN", message, { reason: "LESSON_LOCKED", locks });
}

/** The prerequisites of a course's lessons, by lesson id. */
export async function prerequisitesOf(scope: TenantScope, courseId: string) {
  const rows = await scope.db
    .select({
      lessonId: lessonPrerequisite.lessonId,
      requiredLessonId: lessonPrerequisite.requiredLessonId,
    })
    .from(lessonPrerequisite)
    .where(
      and(
        eq(lessonPrerequisite.organizationId, scope.organizationId),
        eq(lessonPrerequisite.courseId, courseId),
      ),
    );
  const byLesson = new Map<string, string[]>();
  for (const row of rows) {
    const list = byLesson.get(row.lessonId) ?? [];
    list.push(row.requiredLessonId);
    byLesson.set(row.lessonId, list);
  }
  return byLesson;
}

export interface LessonProgressView {
  status: LessonProgressStatus;
  /** Best quiz score (0–100); null before any attempt. */
  score: number | null;
  lastScore: number | null;
  attempts: number;
  timeSpentSeconds: number;
  completedAt: Date | null;
}

const progressColumns = {
  lessonId: lessonProgress.lessonId,
  status: lessonProgress.status,
  score: lessonProgress.score,
  lastScore: lessonProgress.lastScore,
  attempts: lessonProgress.attempts,
  timeSpentSeconds: lessonProgress.timeSpentSeconds,
  completedAt: lessonProgress.completedAt,
};

/** The member's progress in a course's lessons, by lesson id. */
export async function progressIn(
  scope: TenantScope,
  courseId: string,
  memberId: string | null,
): Promise<Map<string, LessonProgressView>> {
  if (!memberId) return new Map();
  const rows = await scope.db
    .select(progressColumns)
    .from(lessonProgress)
    .where(
      and(
        eq(lessonProgress.organizationId, scope.organizationId),
        eq(lessonProgress.memberId, memberId),
        eq(lessonProgress.courseId, courseId),
      ),
    );
  return new Map(rows.map(({ lessonId, ...progress }) => [lessonId, progress]));
}

export const hasQuiz = sql<boolean>`jsonb_path_exists(${lesson.content}, '$[*] ? (@.type == "quiz")')`;

/** A lesson as the outline lists it. */
export interface LessonSummary {
  id: string;
  moduleId: string;
  title: string;
  subtitle: string;
  difficulty: LessonDifficulty;
  estimatedMinutes: number | null;
  level: number;
  gate: number;
  xpReward: number;
  dripDays: number | null;
  dripAt: Date | null;
  /** Drafts are listed to authors only. */
  status: "draft" | "published";
  freePreview: boolean;
  hasQuiz: boolean;
  prerequisiteIds: string[];
  position: number;
  /** The caller's own progress (null: never opened). */
  progress: LessonProgressView | null;
  /** Why the caller cannot open it now (empty: open). */
  locks: LessonLock[];
}

export interface CourseOutline {
  course: CourseRow & { tiers: CourseTierView[] };
  /** Moderators and up edit it (not while its space is archived). */
  canManage: boolean;
  /** An author's preview as a member (courseOutlineInput's asMember): nothing here is theirs. */
  preview: boolean;
  enrollment: LearnerState["enrollment"];
  /** The caller may enroll: a member, not enrolled, with the course's tier or grant if it asks. */
  canEnroll: boolean;
  /** Why enrolling is closed (the course's tier or grant), or null. */
  accessLock: LessonLock | null;
  /** The lesson to resume: the last opened, else the first open lesson not completed. */
  resumeLessonId: string | null;
  /** Completed published lessons out of all published lessons, 0–100. */
  percentComplete: number;
  modules: { id: string; title: string; position: number; lessons: LessonSummary[] }[];
}

/** Percent of `total` lessons completed, rounded down (100 only when all are done). */
export const percentOf = (done: number, total: number) =>
  total === 0 ? 0 : Math.floor((done * 100) / total);

/** course.outline: modules and lessons in order, with the caller's progress and locks. */
export async function courseOutline(
  scope: TenantScope,
  input: z.output<typeof courseOutlineInput>,
): Promise<CourseOutline> {
  const target = await readCourse(scope, input.id);
  const tiers = (await tiersOfCourses(scope, [target.id])).get(target.id) ?? [];
  const actual = await learnerState(scope, target, tiers);
  const preview = input.asMember && actual.author;
  const state: LearnerState = preview
    ? {
        author: false,
        memberId: null,
        accessLock: null,
        enrollment: { enrolledAt: scope.now(), lastLessonId: null, completedAt: null },
        level: 1,
      }
    : actual;
  const space = await courseSpace(scope, target.spaceId, false);
  const modules = await scope.db
    .select({ id: courseModule.id, title: courseModule.title, position: courseModule.position })
    .from(courseModule)
    .where(
      and(
        eq(courseModule.organizationId, scope.organizationId),
        eq(courseModule.courseId, target.id),
        visibleSpace(courseModule.spaceId),
      ),
    )
    .orderBy(asc(courseModule.position), asc(courseModule.id));
  const lessons = await scope.db
    .select({ ...lessonColumns, hasQuiz })
    .from(lesson)
    .where(
      and(
        eq(lesson.organizationId, scope.organizationId),
        eq(lesson.courseId, target.id),
        visibleSpace(lesson.spaceId),
        state.author ? undefined : eq(lesson.status, "published"),
      ),
    )
    .orderBy(asc(lesson.position), asc(lesson.id));
  const prerequisites = await prerequisitesOf(scope, target.id);
  const progress = await progressIn(scope, target.id, state.memberId);
  const published = new Map(
    lessons.filter((l) => l.status === "published").map((l) => [l.id, { title: l.title }]),
  );
  const completed = new Set(
    [...progress].filter(([, p]) => p.status === "completed").map(([id]) => id),
  );
  const now = scope.now();
  const summaries: LessonSummary[] = lessons.map((l) => {
    const prerequisiteIds = prerequisites.get(l.id) ?? [];
    return {
      ...l,
      prerequisiteIds,
      progress: progress.get(l.id) ?? null,
      locks: locksOf(state, { ...l, prerequisiteIds }, published, completed, now),
    };
  });
  const done = [...published.keys()].filter((id) => completed.has(id)).length;
  const ordered = modules.map((m) => ({
    ...m,
    lessons: summaries.filter((l) => l.moduleId === m.id),
  }));
  const inOrder = ordered.flatMap((m) => m.lessons);
  const last = state.enrollment?.lastLessonId ?? null;
  const resume =
    (last && inOrder.some((l) => l.id === last) ? last : null) ??
    inOrder.find((l) => l.locks.length === 0 && l.progress?.status !== "completed")?.id ??
    null;
  return {
    course: { ...target, tiers },
    canManage: actual.author && space.archivedAt === null,
    preview,
    enrollment: state.enrollment,
    canEnroll:
      state.memberId !== null &&
      state.enrollment === null &&
      state.accessLock === null &&
      target.status === "published",
    accessLock: state.accessLock,
    resumeLessonId: resume,
    percentComplete: percentOf(done, published.size),
    modules: ordered,
  };
}

export interface CourseSummary extends CourseRow {
  tiers: CourseTierView[];
  /** Published lessons. */
  lessonCount: number;
  enrolled: boolean;
  percentComplete: number;
}

/** course.list: a course space's courses in order (drafts to authors only), with the caller's progress. */
export async function listCourses(
  scope: TenantScope,
  input: z.output<typeof courseSpaceInput>,
): Promise<{ spaceId: string; canManage: boolean; courses: CourseSummary[] }> {
  const space = await courseSpace(scope, input.spaceId, false);
  const author = authors(scope);
  const rows = await scope.db
    .select(courseColumns)
    .from(course)
    .where(
      and(
        eq(course.organizationId, scope.organizationId),
        eq(course.spaceId, space.id),
        visibleSpace(course.spaceId),
        author ? undefined : eq(course.status, "published"),
      ),
    )
    .orderBy(asc(course.position), asc(course.id));
  const ids = rows.map((r) => r.id);
  const tiers = await tiersOfCourses(scope, ids);
  const counts =
    ids.length === 0
      ? []
      : await scope.db
          .select({ courseId: lesson.courseId, n: count() })
          .from(lesson)
          .where(
            and(
              eq(lesson.organizationId, scope.organizationId),
              inArray(lesson.courseId, ids),
              eq(lesson.status, "published"),
            ),
          )
          .groupBy(lesson.courseId);
  const memberId = scope.actor.kind === "member" ? scope.actor.memberId : null;
  const enrolled =
    ids.length === 0 || !memberId
      ? []
      : await scope.db
          .select({ courseId: courseEnrollment.courseId })
          .from(courseEnrollment)
          .where(
            and(
              eq(courseEnrollment.organizationId, scope.organizationId),
              eq(courseEnrollment.memberId, memberId),
              inArray(courseEnrollment.courseId, ids),
            ),
          );
  const done =
    ids.length === 0 || !memberId
      ? []
      : await scope.db
          .select({ courseId: lessonProgress.courseId, n: count() })
          .from(lessonProgress)
          .innerJoin(
            lesson,
            and(
              eq(lesson.organizationId, lessonProgress.organizationId),
              eq(lesson.id, lessonProgress.lessonId),
            ),
          )
          .where(
            and(
              eq(lessonProgress.organizationId, scope.organizationId),
              eq(lessonProgress.memberId, memberId),
              inArray(lessonProgress.courseId, ids),
              eq(lessonProgress.status, "completed"),
              eq(lesson.status, "published"),
            ),
          )
          .groupBy(lessonProgress.courseId);
  const lessonCount = new Map(counts.map((c) => [c.courseId, c.n]));
  const completed = new Map(done.map((c) => [c.courseId, c.n]));
  const enrolledIn = new Set(enrolled.map((e) => e.courseId));
  return {
    spaceId: space.id,
    canManage: author && space.archivedAt === null,
    courses: rows.map((r) => ({
      ...r,
      tiers: tiers.get(r.id) ?? [],
      lessonCount: lessonCount.get(r.id) ?? 0,
      enrolled: enrolledIn.has(r.id),
      percentComplete: percentOf(completed.get(r.id) ?? 0, lessonCount.get(r.id) ?? 0),
    })),
  };
}

/**
 * course.enroll: the acting member joins a published course they may take (its tier or grant
 * if it asks for one: FORBIDDEN with reason LESSON_LOCKED otherwise). Enrolling twice is fine.
 */
export async function enroll(
  scope: TenantScope,
  input: z.output<typeof courseIdInput>,
): Promise<CourseOutline> {
  if (scope.actor.kind !== "member")
    throw new AppError("FORBIDDEN", "Only a member of the organization can enroll");
  const target = await readCourse(scope, input.id);
  if (target.status !== "published")
    throw new AppError("CONFLICT", "Publish the course before enrolling in it");
  const state = await learnerState(scope, target);
  if (state.accessLock) throw lockedError([state.accessLock]);
  await scope.db
    .insert(courseEnrollment)
    .values({
      organizationId: scope.organizationId,
      spaceId: target.spaceId,
      courseId: target.id,
      memberId: scope.actor.memberId,
    })
    .onConflictDoNothing();
  return courseOutline(scope, { id: target.id, asMember: false });
}
