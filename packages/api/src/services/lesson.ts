// Lessons (issue 12 §1–2): authoring (moderators and up) and learning (members).
//
// Authoring: a lesson sits in a module, in order; its content is typed blocks validated by the
// shared zod schema on every write (and parsed again on every read: a row changed by hand cannot
// reach a member unchecked); its prerequisites are lessons of the same course, without cycles
// (a cycle would lock its lessons for ever); its image and file blocks name ready platform files
// of the organization.
//
// Learning: opening, completing and timing a lesson go through lessonGate, which refuses a
// locked lesson (FORBIDDEN, reason LESSON_LOCKED, with the locks) by the same rule the outline
// draws (course-learning.ts). Completing counts once: the progress row is unique per member and
// lesson, and the update that completes it only matches a row not completed yet, so concurrent
// calls queue on the row's lock and only the first changes it.
import {
  and,
  count,
  courseEnrollment,
  courseModule,
  eq,
  file,
  inArray,
  LESSONS_PER_MODULE_MAX,
  lesson,
  lessonPrerequisite,
  lessonProgress,
  max,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import {
  type createLessonInput,
  type LessonBlock,
  type LessonBlockView,
  type LessonLock,
  lessonContent,
  type lessonFields,
  type lessonIdInput,
  type moveLessonInput,
  type reorderLessonsInput,
  type reportTimeInput,
  type setLessonStatusInput,
  type updateLessonInput,
} from "../schemas/learning.ts";
import { queueAchievementCheck } from "./achievement-check.ts";
import { recordActivity } from "./activity.ts";
import { issueCertificate } from "./certificate.ts";
import {
  authors,
  type CourseRow,
  lessonColumns,
  readCourse,
  readModuleForWriting,
} from "./course.ts";
import {
  type LearnerState,
  type LessonProgressView,
  learnerState,
  lockedError,
  locksOf,
  percentOf,
  prerequisitesOf,
  progressIn,
} from "./course-learning.ts";
import { memberBlocks, quizOf } from "./quiz.ts";
import { applyOrder } from "./reorder.ts";
import { awardXp } from "./xp.ts";

const missingLesson = () => notFound("Lesson");

/** A lesson as stored, its content parsed, with its course. */
export interface LessonRecord {
  id: string;
  spaceId: string;
  courseId: string;
  moduleId: string;
  title: string;
  subtitle: string;
  difficulty: "beginner" | "intermediate" | "advanced";
  estimatedMinutes: number | null;
  level: number;
  gate: number;
  xpReward: number;
  dripDays: number | null;
  dripAt: Date | null;
  status: "draft" | "published";
  freePreview: boolean;
  position: number;
  blocks: LessonBlock[];
  course: CourseRow;
}

/**
 * A lesson the caller sees: in a course they see, published unless they author (NOT_FOUND
 * otherwise); for writing, in a live course space, by an author.
 */
export async function readLesson(
  scope: TenantScope,
  id: string,
  forWriting = false,
): Promise<LessonRecord> {
  const [row] = await scope.db
    .select({
      ...lessonColumns,
      spaceId: lesson.spaceId,
      courseId: lesson.courseId,
      content: lesson.content,
    })
    .from(lesson)
    .where(
      and(
        eq(lesson.organizationId, scope.organizationId),
        eq(lesson.id, id),
        visibleSpace(lesson.spaceId),
      ),
    );
  if (!row) throw missingLesson();
  const parent = await readCourse(scope, row.courseId, forWriting).catch((error: unknown) => {
    throw error instanceof AppError && error.code === "NOT_FOUND" ? missingLesson() : error;
  });
  // Only authors read a draft (readCourse let only them through a draft course).
  if (row.status !== "published" && !authors(scope)) throw missingLesson();
  const { content, ...fields } = row;
  const parsed = lessonContent.safeParse(content);
  if (!parsed.success) throw new Error(`lesson ${row.id} has content its schema refuses`);
  return { ...fields, blocks: parsed.data, course: parent };
}

// ---- authoring --------------------------------------------------------------------------------

/** A lesson as its authors edit it: every field, quiz answers included. */
export interface AuthorLessonView extends Omit<LessonRecord, "course" | "blocks"> {
  content: LessonBlock[];
  prerequisiteIds: string[];
}

async function authorView(scope: TenantScope, id: string): Promise<AuthorLessonView> {
  const { course: parent, blocks, ...fields } = await readLesson(scope, id, true);
  const prerequisites = await prerequisitesOf(scope, parent.id);
  return { ...fields, content: blocks, prerequisiteIds: prerequisites.get(fields.id) ?? [] };
}

/** lesson.get (authors): the lesson with its answers, for the editor. */
export async function getLessonForEditing(
  scope: TenantScope,
  input: z.output<typeof lessonIdInput>,
): Promise<AuthorLessonView> {
  return authorView(scope, input.id);
}

/**
 * Refuses image and file blocks naming anything but a ready course file of the lesson's space
 * (lesson.startFileUpload): learners read a block's file by the course space's rule, so a file
 * of another purpose (a lead's attachment, another space's resource) never rides in a lesson.
 */
async function requireFiles(scope: TenantScope, spaceId: string, blocks: LessonBlock[]) {
  const wanted = blocks.flatMap((b) =>
    b.type === "image" || b.type === "file" ? [{ id: b.fileId, image: b.type === "image" }] : [],
  );
  if (wanted.length === 0) return;
  const found = await scope.db
    .select({ id: file.id, contentType: file.contentType })
    .from(file)
    .where(
      and(
        eq(file.organizationId, scope.organizationId),
        inArray(
          file.id,
          wanted.map((w) => w.id),
        ),
        eq(file.status, "ready"),
        eq(file.purpose, "course_file"),
        eq(file.spaceId, spaceId),
      ),
    );
  const types = new Map(found.map((f) => [f.id, f.contentType]));
  for (const w of wanted) {
    const type = types.get(w.id);
    if (!type) throw new AppError("NOT_FOUND", "File not found", { field: "content" });
    if (w.image && !type.startsWith("image/"))
      throw new AppError("BAD_REQUEST", "An image block needs an image file", {
        field: "content",
      });
  }
}

/**
 * Refuses prerequisites outside the lesson's course, the lesson itself, and any that would close
 * a cycle (its lessons would wait on each other for ever).
 */
async function requirePrerequisites(
  scope: TenantScope,
  courseId: string,
  lessonId: string | null,
  prerequisiteIds: string[],
) {
  const wanted = [...new Set(prerequisiteIds)];
  if (wanted.length === 0) return wanted;
  if (lessonId && wanted.includes(lessonId))
    throw new AppError("BAD_REQUEST", "A lesson cannot require itself", {
      field: "prerequisiteIds",
    });
  const found = await scope.db
    .select({ id: lesson.id })
    .from(lesson)
    .where(
      and(
        eq(lesson.organizationId, scope.organizationId),
        eq(lesson.courseId, courseId),
        inArray(lesson.id, wanted),
      ),
    );
  if (found.length !== wanted.length)
    throw new AppError("NOT_FOUND", "Prerequisites are lessons of the same course", {
      field: "prerequisiteIds",
    });
  if (lessonId) {
    const graph = await prerequisitesOf(scope, courseId);
    graph.set(lessonId, wanted);
    // Does any prerequisite (transitively) require this lesson?
    const seen = new Set<string>();
    const stack = [...wanted];
    while (stack.length > 0) {
      const next = stack.pop();
      if (next === undefined || seen.has(next)) continue;
      if (next === lessonId)
        throw new AppError("BAD_REQUEST", "These prerequisites would wait on each other", {
          field: "prerequisiteIds",
        });
      seen.add(next);
      stack.push(...(graph.get(next) ?? []));
    }
  }
  return wanted;
}

async function replacePrerequisites(
  scope: TenantScope,
  target: { id: string; spaceId: string; courseId: string },
  ids: string[],
) {
  await scope.db
    .delete(lessonPrerequisite)
    .where(
      and(
        eq(lessonPrerequisite.organizationId, scope.organizationId),
        eq(lessonPrerequisite.lessonId, target.id),
      ),
    );
  if (ids.length > 0)
    await scope.db.insert(lessonPrerequisite).values(
      ids.map((requiredLessonId) => ({
        organizationId: scope.organizationId,
        spaceId: target.spaceId,
        courseId: target.courseId,
        lessonId: target.id,
        requiredLessonId,
      })),
    );
}

const storedFields = (input: z.output<typeof lessonFields>) => ({
  title: input.title,
  subtitle: input.subtitle,
  difficulty: input.difficulty,
  estimatedMinutes: input.estimatedMinutes,
  level: input.level,
  gate: input.gate,
  xpReward: input.xpReward,
  dripDays: input.dripDays,
  dripAt: input.dripAt,
  freePreview: input.freePreview,
  content: input.content,
});

async function nextLessonPosition(scope: TenantScope, moduleId: string) {
  const [stats] = await scope.db
    .select({ n: count(), last: max(lesson.position) })
    .from(lesson)
    .where(and(eq(lesson.organizationId, scope.organizationId), eq(lesson.moduleId, moduleId)));
  if ((stats?.n ?? 0) >= LESSONS_PER_MODULE_MAX)
    throw new AppError("CONFLICT", `A module holds at most ${LESSONS_PER_MODULE_MAX} lessons`, {
      field: "moduleId",
    });
  return (stats?.last ?? -1) + 1;
}

/** lesson.create: a draft lesson at the end of its module. */
export async function createLesson(
  scope: TenantScope,
  input: z.output<typeof createLessonInput>,
): Promise<AuthorLessonView> {
  const parent = await readModuleForWriting(scope, input.moduleId);
  await requireFiles(scope, parent.spaceId, input.content);
  const prerequisites = await requirePrerequisites(
    scope,
    parent.courseId,
    null,
    input.prerequisiteIds,
  );
  const position = await nextLessonPosition(scope, parent.id);
  const [row] = await scope.db
    .insert(lesson)
    .values({
      organizationId: scope.organizationId,
      spaceId: parent.spaceId,
      courseId: parent.courseId,
      moduleId: parent.id,
      position,
      ...storedFields(input),
    })
    .returning({ id: lesson.id, spaceId: lesson.spaceId, courseId: lesson.courseId });
  if (!row) throw new Error("the lesson just written is gone");
  await replacePrerequisites(scope, row, prerequisites);
  return authorView(scope, row.id);
}

/** lesson.update: every field, content and prerequisites included. */
export async function updateLesson(
  scope: TenantScope,
  input: z.output<typeof updateLessonInput>,
): Promise<AuthorLessonView> {
  const current = await readLesson(scope, input.id, true);
  await requireFiles(scope, current.spaceId, input.content);
  const prerequisites = await requirePrerequisites(
    scope,
    current.courseId,
    current.id,
    input.prerequisiteIds,
  );
  await scope.db
    .update(lesson)
    .set(storedFields(input))
    .where(and(eq(lesson.organizationId, scope.organizationId), eq(lesson.id, current.id)));
  await replacePrerequisites(scope, current, prerequisites);
  return authorView(scope, current.id);
}

/** lesson.setStatus: publish (members see it) or back to draft. */
export async function setLessonStatus(
  scope: TenantScope,
  input: z.output<typeof setLessonStatusInput>,
): Promise<AuthorLessonView> {
  const current = await readLesson(scope, input.id, true);
  await scope.db
    .update(lesson)
    .set({ status: input.status })
    .where(and(eq(lesson.organizationId, scope.organizationId), eq(lesson.id, current.id)));
  return authorView(scope, current.id);
}

/** lesson.remove: with its progress and attempts (cascade); lessons requiring it no longer do. */
export async function removeLesson(
  scope: TenantScope,
  input: z.output<typeof lessonIdInput>,
): Promise<{ id: string }> {
  const current = await readLesson(scope, input.id, true);
  await scope.db
    .delete(lesson)
    .where(and(eq(lesson.organizationId, scope.organizationId), eq(lesson.id, current.id)));
  return { id: current.id };
}

/** lesson.reorder: every lesson of the module, in their new order. */
export async function reorderLessons(
  scope: TenantScope,
  input: z.output<typeof reorderLessonsInput>,
): Promise<{ ids: string[] }> {
  const parent = await readModuleForWriting(scope, input.moduleId);
  const current = await scope.db
    .select({ id: lesson.id })
    .from(lesson)
    .where(and(eq(lesson.organizationId, scope.organizationId), eq(lesson.moduleId, parent.id)));
  return applyOrder(scope, lesson, parent.spaceId, current, input.ids);
}

/** lesson.move: into another module of its course, at its end. */
export async function moveLesson(
  scope: TenantScope,
  input: z.output<typeof moveLessonInput>,
): Promise<AuthorLessonView> {
  const current = await readLesson(scope, input.id, true);
  if (current.moduleId === input.moduleId) return authorView(scope, current.id);
  const [destination] = await scope.db
    .select({ id: courseModule.id })
    .from(courseModule)
    .where(
      and(
        eq(courseModule.organizationId, scope.organizationId),
        eq(courseModule.courseId, current.courseId),
        eq(courseModule.id, input.moduleId),
      ),
    );
  if (!destination)
    throw new AppError("NOT_FOUND", "Module not found in this course", { field: "moduleId" });
  const position = await nextLessonPosition(scope, destination.id);
  await scope.db
    .update(lesson)
    .set({ moduleId: destination.id, position })
    .where(and(eq(lesson.organizationId, scope.organizationId), eq(lesson.id, current.id)));
  return authorView(scope, current.id);
}

// ---- learning ---------------------------------------------------------------------------------

export interface LessonGate {
  state: LearnerState;
  progress: LessonProgressView | null;
  /** The acting member, enrolled in the course: progress is theirs to record (else refused). */
  enrolledMemberId: () => string;
}

/**
 * Refuses a lesson closed to the caller (FORBIDDEN, LESSON_LOCKED, with its locks), by the rule
 * the outline draws; otherwise where the caller stands with it.
 */
export async function lessonGate(scope: TenantScope, target: LessonRecord): Promise<LessonGate> {
  const state = await learnerState(scope, target.course);
  const published = await scope.db
    .select({ id: lesson.id, title: lesson.title })
    .from(lesson)
    .where(
      and(
        eq(lesson.organizationId, scope.organizationId),
        eq(lesson.courseId, target.courseId),
        eq(lesson.status, "published"),
      ),
    );
  const progress = await progressIn(scope, target.courseId, state.memberId);
  const completed = new Set(
    [...progress].filter(([, p]) => p.status === "completed").map(([id]) => id),
  );
  const prerequisiteIds = (await prerequisitesOf(scope, target.courseId)).get(target.id) ?? [];
  const locks = locksOf(
    state,
    { ...target, prerequisiteIds },
    new Map(published.map((p) => [p.id, { title: p.title }])),
    completed,
    scope.now(),
  );
  if (locks.length > 0) throw lockedError(locks);
  return {
    state,
    progress: progress.get(target.id) ?? null,
    enrolledMemberId: () => {
      if (!state.memberId || !state.enrollment) {
        const enrollFirst: LessonLock[] = [state.accessLock ?? { kind: "enrollment" }];
        throw lockedError(enrollFirst);
      }
      return state.memberId;
    },
  };
}

/** A lesson as a learner opens it: its blocks without quiz answers, and their progress. */
export interface LessonView extends Omit<LessonRecord, "course" | "blocks"> {
  course: { id: string; title: string; slug: string };
  content: LessonBlockView[];
  progress: LessonProgressView | null;
  /** The lesson's quiz still takes attempts (null: it has none or no limit). */
  attemptsLeft: number | null;
}

/**
 * lesson.open: the lesson's content, if it is open to the caller. For an enrolled member it is
 * where they resume next time, and their progress starts (in progress).
 */
export async function openLesson(
  scope: TenantScope,
  input: z.output<typeof lessonIdInput>,
): Promise<LessonView> {
  const target = await readLesson(scope, input.id);
  const gate = await lessonGate(scope, target);
  let progress = gate.progress;
  const { memberId, enrollment } = gate.state;
  if (memberId && enrollment) {
    const now = scope.now();
    await scope.db
      .insert(lessonProgress)
      .values({
        organizationId: scope.organizationId,
        spaceId: target.spaceId,
        courseId: target.courseId,
        lessonId: target.id,
        memberId,
        lastSeenAt: now,
      })
      .onConflictDoUpdate({
        target: [lessonProgress.organizationId, lessonProgress.lessonId, lessonProgress.memberId],
        set: { lastSeenAt: now },
      });
    await scope.db
      .update(courseEnrollment)
      .set({ lastLessonId: target.id, lastOpenedAt: now })
      .where(
        and(
          eq(courseEnrollment.organizationId, scope.organizationId),
          eq(courseEnrollment.courseId, target.courseId),
          eq(courseEnrollment.memberId, memberId),
        ),
      );
    progress = (await progressIn(scope, target.courseId, memberId)).get(target.id) ?? null;
  }
  const { course: parent, blocks, ...fields } = target;
  const quiz = quizOf(blocks);
  return {
    ...fields,
    course: { id: parent.id, title: parent.title, slug: parent.slug },
    content: memberBlocks(blocks),
    progress,
    attemptsLeft:
      quiz?.attemptLimit == null
        ? null
        : Math.max(0, quiz.attemptLimit - (progress?.attempts ?? 0)),
  };
}

/** The course's published lessons, and how many of them the member completed. */
async function courseTotals(scope: TenantScope, courseId: string, memberId: string) {
  const [totals] = await scope.db
    .select({ total: count(), done: sql<number>`count(${lessonProgress.id})::int` })
    .from(lesson)
    .leftJoin(
      lessonProgress,
      and(
        eq(lessonProgress.organizationId, lesson.organizationId),
        eq(lessonProgress.lessonId, lesson.id),
        eq(lessonProgress.memberId, memberId),
        eq(lessonProgress.status, "completed"),
      ),
    )
    .where(
      and(
        eq(lesson.organizationId, scope.organizationId),
        eq(lesson.courseId, courseId),
        eq(lesson.status, "published"),
      ),
    );
  return { total: totals?.total ?? 0, done: totals?.done ?? 0 };
}

/** The member's progress row in the lesson, made if missing (in progress). */
export async function ensureProgress(
  scope: TenantScope,
  target: LessonRecord,
  memberId: string,
): Promise<void> {
  await scope.db
    .insert(lessonProgress)
    .values({
      organizationId: scope.organizationId,
      spaceId: target.spaceId,
      courseId: target.courseId,
      lessonId: target.id,
      memberId,
    })
    .onConflictDoNothing();
}

/**
 * Completes the member's lesson once: true when this call completed it, and only then awards the
 * lesson's XP. Completing the last published lesson completes the enrollment (once too).
 */
export async function markCompleted(
  scope: TenantScope,
  target: LessonRecord,
  memberId: string,
): Promise<boolean> {
  const now = scope.now();
  await ensureProgress(scope, target, memberId);
  const changed = await scope.db
    .update(lessonProgress)
    .set({ status: "completed", completedAt: now })
    .where(
      and(
        eq(lessonProgress.organizationId, scope.organizationId),
        eq(lessonProgress.lessonId, target.id),
        eq(lessonProgress.memberId, memberId),
        sql`${lessonProgress.status} <> 'completed'`,
      ),
    )
    .returning({ id: lessonProgress.id });
  if (changed.length === 0) return false;
  // The learning activity log (services/activity-log.ts), once like the completion.
  await recordActivity(scope, {
    action: "lesson.completed",
    target: { type: "lesson", id: target.id },
  });
  // Lessons and courses completed count toward achievements, whatever XP the lesson gives.
  await queueAchievementCheck(scope, memberId);
  // Once per member and lesson in the ledger too (awardXp's own identity), in this transaction.
  if (target.xpReward > 0)
    await awardXp(scope, {
      memberId,
      kind: "lesson",
      sourceId: target.id,
      amount: target.xpReward,
    });
  const totals = await courseTotals(scope, target.courseId, memberId);
  if (totals.total > 0 && totals.done >= totals.total) {
    const finished = await scope.db
      .update(courseEnrollment)
      .set({ completedAt: now })
      .where(
        and(
          eq(courseEnrollment.organizationId, scope.organizationId),
          eq(courseEnrollment.courseId, target.courseId),
          eq(courseEnrollment.memberId, memberId),
          sql`${courseEnrollment.completedAt} is null`,
        ),
      )
      .returning({ id: courseEnrollment.id });
    // The course's certificate, once: only the call that completed the enrollment issues it.
    if (finished.length > 0)
      await issueCertificate(scope, { courseId: target.courseId, memberId, completedAt: now });
  }
  return true;
}

export interface CompletionView {
  lessonId: string;
  /** This call completed it (false: it was completed before). */
  newlyCompleted: boolean;
  percentComplete: number;
  courseCompleted: boolean;
}

async function completionView(
  scope: TenantScope,
  target: LessonRecord,
  memberId: string,
  newlyCompleted: boolean,
): Promise<CompletionView> {
  const totals = await courseTotals(scope, target.courseId, memberId);
  const { total, done } = totals;
  return {
    lessonId: target.id,
    newlyCompleted,
    percentComplete: percentOf(done, total),
    courseCompleted: total > 0 && done >= total,
  };
}

/**
 * lesson.complete: marks an open lesson completed for the enrolled member, once (repeated or
 * concurrent calls change nothing more). A lesson with a quiz completes by passing it.
 */
export async function completeLesson(
  scope: TenantScope,
  input: z.output<typeof lessonIdInput>,
): Promise<CompletionView> {
  const target = await readLesson(scope, input.id);
  const gate = await lessonGate(scope, target);
  const memberId = gate.enrolledMemberId();
  const quiz = quizOf(target.blocks);
  if (
    quiz &&
    gate.progress?.status !== "completed" &&
    (gate.progress?.score ?? -1) < quiz.passScore
  )
    throw new AppError("FORBIDDEN", "Pass the lesson's quiz to complete it");
  const newly = await markCompleted(scope, target, memberId);
  return completionView(scope, target, memberId, newly);
}

// A report may add at most the time since the previous one (plus this much for the client's
// timer and the network), however many seconds it claims: a client cannot bank hours at once.
const REPORT_SLACK_SECONDS = 5;

/**
 * lesson.reportTime: seconds spent in an opened lesson since the last report, capped per call
 * (the input's maximum) and by the time since the member last opened or reported it.
 */
export async function reportTime(
  scope: TenantScope,
  input: z.output<typeof reportTimeInput>,
): Promise<{ lessonId: string; timeSpentSeconds: number }> {
  const target = await readLesson(scope, input.id);
  const gate = await lessonGate(scope, target);
  const memberId = gate.enrolledMemberId();
  const now = scope.now();
  const at = now.toISOString();
  const [row] = await scope.db
    .update(lessonProgress)
    .set({
      timeSpentSeconds: sql`${lessonProgress.timeSpentSeconds} + least(${input.seconds}::int,
        greatest(0, floor(extract(epoch from (${at}::timestamptz - coalesce(${lessonProgress.lastSeenAt}, ${at}::timestamptz)))))::int + ${REPORT_SLACK_SECONDS})`,
      lastSeenAt: now,
    })
    .where(
      and(
        eq(lessonProgress.organizationId, scope.organizationId),
        eq(lessonProgress.lessonId, target.id),
        eq(lessonProgress.memberId, memberId),
      ),
    )
    .returning({ timeSpentSeconds: lessonProgress.timeSpentSeconds });
  if (!row) throw new AppError("CONFLICT", "Open the lesson before reporting time in it");
  return { lessonId: target.id, timeSpentSeconds: row.timeSpentSeconds };
}
