// Courses (issue 12 §1): authoring of courses and their modules in course spaces, by moderators
// and up. A course is a draft until published; members see published courses of the course
// spaces they see, and nothing of a draft (NOT_FOUND, as for an id that exists nowhere).
//
// Who sees a course space is the database's rule: every query here adds visibleSpace() to its
// own where, and row-level security enforces the same rule under it (all learning tables are
// space-scoped). What members do with courses (enroll, outline, lessons) is in
// course-learning.ts, lesson.ts and quiz.ts.
import {
  and,
  asc,
  COURSES_PER_SPACE_MAX,
  type CourseAccess,
  type CourseStatus,
  count,
  course,
  courseGrant,
  courseModule,
  courseTier,
  eq,
  inArray,
  lesson,
  lessonPrerequisite,
  MODULES_PER_COURSE_MAX,
  max,
  member,
  memberTier,
  sql,
  type TenantScope,
  user,
  visibleSpace,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import type {
  courseGrantInput,
  courseIdInput,
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
import { actsAs } from "./actor.ts";
import { requireEntitlement } from "./entitlements.ts";
import { actingMember } from "./member.ts";
import { applyOrder } from "./reorder.ts";
import { requireTiers, type SpaceKind, typedSpace } from "./space.ts";

export const missingCourse = () => notFound("Course");
export const missingModule = () => notFound("Module");

/** Authors: moderators and up (and the system, for jobs and seeds). */
export const authors = (scope: TenantScope) => actsAs(scope, "moderator");

const courseSpaceKind: SpaceKind = {
  type: "course",
  otherType: "This space is not a course space",
  archived: "This space is archived: its courses are read-only",
  writers: { role: "moderator", refusal: "Only moderators and admins can change courses" },
};

/**
 * The course space the caller sees, or NOT_FOUND (BAD_REQUEST for a visible space of another
 * type); for writing, an author and a live space.
 */
export const courseSpace = (scope: TenantScope, spaceId: string, forWriting: boolean) =>
  typedSpace(scope, spaceId, courseSpaceKind, { forWriting });

export const courseColumns = {
  id: course.id,
  spaceId: course.spaceId,
  title: course.title,
  slug: course.slug,
  description: course.description,
  status: course.status,
  access: course.access,
  position: course.position,
  publishedAt: course.publishedAt,
  createdAt: course.createdAt,
};

/** What the outline lists of a lesson, and what a lesson's own reads start from. */
export const lessonColumns = {
  id: lesson.id,
  moduleId: lesson.moduleId,
  title: lesson.title,
  subtitle: lesson.subtitle,
  difficulty: lesson.difficulty,
  estimatedMinutes: lesson.estimatedMinutes,
  level: lesson.level,
  gate: lesson.gate,
  xpReward: lesson.xpReward,
  dripDays: lesson.dripDays,
  dripAt: lesson.dripAt,
  status: lesson.status,
  freePreview: lesson.freePreview,
  position: lesson.position,
};

export type CourseRow = {
  id: string;
  spaceId: string;
  title: string;
  slug: string;
  description: string;
  status: CourseStatus;
  access: CourseAccess;
  position: number;
  publishedAt: Date | null;
  createdAt: Date;
};

/**
 * A course the caller sees: in a space they see, and published unless they author. NOT_FOUND
 * otherwise; for writing, also a live course space and an author.
 */
export async function readCourse(
  scope: TenantScope,
  id: string,
  forWriting = false,
): Promise<CourseRow> {
  const [row] = await scope.db
    .select(courseColumns)
    .from(course)
    .where(
      and(
        eq(course.organizationId, scope.organizationId),
        eq(course.id, id),
        visibleSpace(course.spaceId),
      ),
    );
  if (!row || (row.status !== "published" && !authors(scope))) throw missingCourse();
  if (forWriting) await courseSpace(scope, row.spaceId, true);
  return row;
}

/** A module of a course the caller may change, or NOT_FOUND. */
export async function readModuleForWriting(scope: TenantScope, id: string) {
  const [row] = await scope.db
    .select({ id: courseModule.id, courseId: courseModule.courseId, spaceId: courseModule.spaceId })
    .from(courseModule)
    .where(
      and(
        eq(courseModule.organizationId, scope.organizationId),
        eq(courseModule.id, id),
        visibleSpace(courseModule.spaceId),
      ),
    );
  if (!row) throw missingModule();
  await readCourse(scope, row.courseId, true);
  return row;
}

export interface CourseTierView {
  id: string;
  name: string;
}

/** The tiers of courses, in the tiers' own order, by course id. */
export async function tiersOfCourses(
  scope: TenantScope,
  courseIds: readonly string[],
): Promise<Map<string, CourseTierView[]>> {
  const byCourse = new Map<string, CourseTierView[]>();
  if (courseIds.length === 0) return byCourse;
  const rows = await scope.db
    .select({ courseId: courseTier.courseId, id: memberTier.id, name: memberTier.name })
    .from(courseTier)
    .innerJoin(
      memberTier,
      and(
        eq(memberTier.organizationId, courseTier.organizationId),
        eq(memberTier.id, courseTier.tierId),
      ),
    )
    .where(
      and(
        eq(courseTier.organizationId, scope.organizationId),
        inArray(courseTier.courseId, [...courseIds]),
      ),
    )
    .orderBy(asc(memberTier.sortOrder), asc(memberTier.name));
  for (const row of rows) {
    const list = byCourse.get(row.courseId) ?? [];
    list.push({ id: row.id, name: row.name });
    byCourse.set(row.courseId, list);
  }
  return byCourse;
}

/** A course by tier needs a tier; other courses keep none. */
async function tiersFor(scope: TenantScope, access: CourseAccess, tierIds: readonly string[]) {
  if (access !== "tier") return [];
  const tiers = await requireTiers(scope, tierIds);
  if (tiers.length === 0)
    throw new AppError("BAD_REQUEST", "Choose the tiers that open this course", {
      field: "tierIds",
    });
  return tiers;
}

async function replaceTiers(
  scope: TenantScope,
  target: { id: string; spaceId: string },
  tierIds: string[],
) {
  await scope.db
    .delete(courseTier)
    .where(
      and(eq(courseTier.organizationId, scope.organizationId), eq(courseTier.courseId, target.id)),
    );
  if (tierIds.length > 0)
    await scope.db.insert(courseTier).values(
      tierIds.map((tierId) => ({
        organizationId: scope.organizationId,
        spaceId: target.spaceId,
        courseId: target.id,
        tierId,
      })),
    );
}

async function refuseTakenSlug(scope: TenantScope, slug: string, exceptId?: string) {
  const [taken] = await scope.db
    .select({ id: course.id })
    .from(course)
    .where(and(eq(course.organizationId, scope.organizationId), eq(course.slug, slug)));
  if (taken && taken.id !== exceptId)
    throw new AppError("CONFLICT", "Another course has this address", { field: "slug" });
}

// Any constant: with the organization id's hash, the advisory lock key of its course count.
const COURSE_LOCK = 4_180_412;

/**
 * Refuses (PLAN_LIMIT) a course beyond the plan's allowance (billing's `courses`), and one beyond
 * the space's room. Under a per-organization lock, so two creations at once cannot both take
 * the last one.
 */
async function requireCourseRoom(scope: TenantScope, spaceId: string) {
  await scope.db.execute(
    sql`select pg_advisory_xact_lock(${COURSE_LOCK}, hashtext(${scope.organizationId}::text))`,
  );
  const [all] = await scope.db
    .select({ n: count() })
    .from(course)
    .where(eq(course.organizationId, scope.organizationId));
  await requireEntitlement(scope, "courses", { current: all?.n ?? 0 });
  const [inSpace] = await scope.db
    .select({ n: count(), last: max(course.position) })
    .from(course)
    .where(and(eq(course.organizationId, scope.organizationId), eq(course.spaceId, spaceId)));
  if ((inSpace?.n ?? 0) >= COURSES_PER_SPACE_MAX)
    throw new AppError("CONFLICT", `A space holds at most ${COURSES_PER_SPACE_MAX} courses`);
  return (inSpace?.last ?? -1) + 1;
}

/** What authors see of a course (the course list and outline add the learner's side). */
export interface CourseView extends CourseRow {
  tiers: CourseTierView[];
}

export async function courseView(scope: TenantScope, id: string): Promise<CourseView> {
  const row = await readCourse(scope, id);
  const tiers = await tiersOfCourses(scope, [row.id]);
  return { ...row, tiers: tiers.get(row.id) ?? [] };
}

/** course.create: a draft course at the end of its space (billing's course allowance applies). */
export async function createCourse(
  scope: TenantScope,
  input: z.output<typeof createCourseInput>,
): Promise<CourseView> {
  const me = actingMember(scope);
  await courseSpace(scope, input.spaceId, true);
  const tierIds = await tiersFor(scope, input.access, input.tierIds);
  await refuseTakenSlug(scope, input.slug);
  const position = await requireCourseRoom(scope, input.spaceId);
  const [row] = await scope.db
    .insert(course)
    .values({
      organizationId: scope.organizationId,
      spaceId: input.spaceId,
      title: input.title,
      slug: input.slug,
      description: input.description,
      access: input.access,
      position,
      createdByMemberId: me.memberId,
    })
    .returning({ id: course.id, spaceId: course.spaceId });
  if (!row) throw new Error("the course just written is gone");
  await replaceTiers(scope, row, tierIds);
  return courseView(scope, row.id);
}

/** course.update: title, address, description and who may enroll. */
export async function updateCourse(
  scope: TenantScope,
  input: z.output<typeof updateCourseInput>,
): Promise<CourseView> {
  const current = await readCourse(scope, input.id, true);
  const tierIds = await tiersFor(scope, input.access, input.tierIds);
  await refuseTakenSlug(scope, input.slug, current.id);
  const [row] = await scope.db
    .update(course)
    .set({
      title: input.title,
      slug: input.slug,
      description: input.description,
      access: input.access,
    })
    .where(and(eq(course.organizationId, scope.organizationId), eq(course.id, current.id)))
    .returning({ id: course.id, spaceId: course.spaceId });
  if (!row) throw missingCourse();
  await replaceTiers(scope, row, tierIds);
  return courseView(scope, row.id);
}

/** course.setStatus: publish (members see it) or back to draft (members no longer do). */
export async function setCourseStatus(
  scope: TenantScope,
  input: z.output<typeof setCourseStatusInput>,
): Promise<CourseView> {
  const current = await readCourse(scope, input.id, true);
  await scope.db
    .update(course)
    .set({
      status: input.status,
      // The first publication's date stays (the course page's "published on").
      publishedAt:
        input.status === "published" ? (current.publishedAt ?? scope.now()) : current.publishedAt,
    })
    .where(and(eq(course.organizationId, scope.organizationId), eq(course.id, current.id)));
  return courseView(scope, current.id);
}

/** course.remove: the course with its modules, lessons, enrollments and progress (cascade). */
export async function removeCourse(
  scope: TenantScope,
  input: z.output<typeof courseIdInput>,
): Promise<{ id: string }> {
  const current = await readCourse(scope, input.id, true);
  const [row] = await scope.db
    .delete(course)
    .where(and(eq(course.organizationId, scope.organizationId), eq(course.id, current.id)))
    .returning({ id: course.id });
  if (!row) throw missingCourse();
  return row;
}

/** course.reorder: every course of the space, in their new order. */
export async function reorderCourses(
  scope: TenantScope,
  input: z.output<typeof reorderCoursesInput>,
): Promise<{ ids: string[] }> {
  await courseSpace(scope, input.spaceId, true);
  const current = await scope.db
    .select({ id: course.id })
    .from(course)
    .where(and(eq(course.organizationId, scope.organizationId), eq(course.spaceId, input.spaceId)));
  return applyOrder(scope, course, input.spaceId, current, input.ids);
}

/**
 * course.duplicate: a draft copy (new title and address) with its tiers, modules, lessons and
 * prerequisites; no enrollments, progress or grants. Counts against the plan's courses.
 */
export async function duplicateCourse(
  scope: TenantScope,
  input: z.output<typeof duplicateCourseInput>,
): Promise<CourseView> {
  const me = actingMember(scope);
  const source = await readCourse(scope, input.id, true);
  await refuseTakenSlug(scope, input.slug);
  const position = await requireCourseRoom(scope, source.spaceId);
  const [copy] = await scope.db
    .insert(course)
    .values({
      organizationId: scope.organizationId,
      spaceId: source.spaceId,
      title: input.title,
      slug: input.slug,
      description: source.description,
      access: source.access,
      position,
      createdByMemberId: me.memberId,
    })
    .returning({ id: course.id, spaceId: course.spaceId });
  if (!copy) throw new Error("the course just written is gone");
  const tiers = (await tiersOfCourses(scope, [source.id])).get(source.id) ?? [];
  await replaceTiers(
    scope,
    copy,
    tiers.map((t) => t.id),
  );

  const modules = await scope.db
    .select({ id: courseModule.id, title: courseModule.title, position: courseModule.position })
    .from(courseModule)
    .where(
      and(
        eq(courseModule.organizationId, scope.organizationId),
        eq(courseModule.courseId, source.id),
      ),
    );
  const moduleIds = new Map(modules.map((m) => [m.id, crypto.randomUUID()]));
  if (modules.length > 0)
    await scope.db.insert(courseModule).values(
      modules.map((m) => ({
        organizationId: scope.organizationId,
        spaceId: copy.spaceId,
        courseId: copy.id,
        id: moduleIds.get(m.id),
        title: m.title,
        position: m.position,
      })),
    );
  const lessons = await scope.db
    .select()
    .from(lesson)
    .where(and(eq(lesson.organizationId, scope.organizationId), eq(lesson.courseId, source.id)));
  const lessonIds = new Map(lessons.map((l) => [l.id, crypto.randomUUID()]));
  if (lessons.length > 0)
    await scope.db.insert(lesson).values(
      lessons.map(({ id, createdAt: _created, updatedAt: _updated, ...l }) => ({
        ...l,
        id: lessonIds.get(id),
        courseId: copy.id,
        moduleId: moduleIds.get(l.moduleId) ?? l.moduleId,
      })),
    );
  const prerequisites = await scope.db
    .select({
      lessonId: lessonPrerequisite.lessonId,
      requiredLessonId: lessonPrerequisite.requiredLessonId,
    })
    .from(lessonPrerequisite)
    .where(
      and(
        eq(lessonPrerequisite.organizationId, scope.organizationId),
        eq(lessonPrerequisite.courseId, source.id),
      ),
    );
  const copied = prerequisites.flatMap((p) => {
    const lessonId = lessonIds.get(p.lessonId);
    const requiredLessonId = lessonIds.get(p.requiredLessonId);
    return lessonId && requiredLessonId ? [{ lessonId, requiredLessonId }] : [];
  });
  if (copied.length > 0)
    await scope.db.insert(lessonPrerequisite).values(
      copied.map((p) => ({
        organizationId: scope.organizationId,
        spaceId: copy.spaceId,
        courseId: copy.id,
        ...p,
      })),
    );
  return courseView(scope, copy.id);
}

/** course.grant (admins): opens a course with access "grant" to a member. */
export async function grantCourse(
  scope: TenantScope,
  input: z.output<typeof courseGrantInput>,
): Promise<{ courseId: string; memberId: string }> {
  const me = actingMember(scope);
  const target = await readCourse(scope, input.courseId, true);
  const [person] = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, input.memberId)));
  if (!person) throw new AppError("NOT_FOUND", "Member not found", { field: "memberId" });
  await scope.db
    .insert(courseGrant)
    .values({
      organizationId: scope.organizationId,
      spaceId: target.spaceId,
      courseId: target.id,
      memberId: person.id,
      grantedByMemberId: me.memberId,
    })
    .onConflictDoNothing();
  return { courseId: target.id, memberId: person.id };
}

export interface CourseGrantView {
  memberId: string;
  name: string;
  grantedAt: Date;
}

/** course.grants (admins): who a course is granted to, by name. */
export async function listCourseGrants(
  scope: TenantScope,
  input: z.output<typeof courseIdInput>,
): Promise<CourseGrantView[]> {
  const target = await readCourse(scope, input.id, true);
  return scope.db
    .select({ memberId: courseGrant.memberId, name: user.name, grantedAt: courseGrant.createdAt })
    .from(courseGrant)
    .innerJoin(
      member,
      and(
        eq(member.organizationId, courseGrant.organizationId),
        eq(member.id, courseGrant.memberId),
      ),
    )
    .innerJoin(user, eq(user.id, member.userId))
    .where(
      and(
        eq(courseGrant.organizationId, scope.organizationId),
        eq(courseGrant.courseId, target.id),
      ),
    )
    .orderBy(asc(user.name), asc(courseGrant.memberId))
    .limit(500);
}

/** course.revokeGrant (admins): the member's enrollment and progress stay, locked. */
export async function revokeCourseGrant(
  scope: TenantScope,
  input: z.output<typeof courseGrantInput>,
): Promise<{ courseId: string; memberId: string }> {
  const target = await readCourse(scope, input.courseId, true);
  const rows = await scope.db
    .delete(courseGrant)
    .where(
      and(
        eq(courseGrant.organizationId, scope.organizationId),
        eq(courseGrant.courseId, target.id),
        eq(courseGrant.memberId, input.memberId),
      ),
    )
    .returning({ id: courseGrant.id });
  if (rows.length === 0)
    throw new AppError("NOT_FOUND", "This member has no grant for this course", {
      field: "memberId",
    });
  return { courseId: target.id, memberId: input.memberId };
}

// ---- modules ----------------------------------------------------------------------------------

export interface ModuleView {
  id: string;
  courseId: string;
  title: string;
  position: number;
}

async function moduleView(scope: TenantScope, id: string): Promise<ModuleView> {
  const [row] = await scope.db
    .select({
      id: courseModule.id,
      courseId: courseModule.courseId,
      title: courseModule.title,
      position: courseModule.position,
    })
    .from(courseModule)
    .where(
      and(
        eq(courseModule.organizationId, scope.organizationId),
        eq(courseModule.id, id),
        visibleSpace(courseModule.spaceId),
      ),
    );
  if (!row) throw missingModule();
  return row;
}

/** course.createModule: a module at the end of its course. */
export async function createModule(
  scope: TenantScope,
  input: z.output<typeof createModuleInput>,
): Promise<ModuleView> {
  const target = await readCourse(scope, input.courseId, true);
  const [stats] = await scope.db
    .select({ n: count(), last: max(courseModule.position) })
    .from(courseModule)
    .where(
      and(
        eq(courseModule.organizationId, scope.organizationId),
        eq(courseModule.courseId, target.id),
      ),
    );
  if ((stats?.n ?? 0) >= MODULES_PER_COURSE_MAX)
    throw new AppError("CONFLICT", `A course holds at most ${MODULES_PER_COURSE_MAX} modules`);
  const [row] = await scope.db
    .insert(courseModule)
    .values({
      organizationId: scope.organizationId,
      spaceId: target.spaceId,
      courseId: target.id,
      title: input.title,
      position: (stats?.last ?? -1) + 1,
    })
    .returning({ id: courseModule.id });
  if (!row) throw new Error("the module just written is gone");
  return moduleView(scope, row.id);
}

/** course.updateModule: its title. */
export async function updateModule(
  scope: TenantScope,
  input: z.output<typeof updateModuleInput>,
): Promise<ModuleView> {
  const current = await readModuleForWriting(scope, input.id);
  await scope.db
    .update(courseModule)
    .set({ title: input.title })
    .where(
      and(eq(courseModule.organizationId, scope.organizationId), eq(courseModule.id, current.id)),
    );
  return moduleView(scope, current.id);
}

/** course.removeModule: the module and its lessons (with their progress, by cascade). */
export async function removeModule(
  scope: TenantScope,
  input: z.output<typeof moduleIdInput>,
): Promise<{ id: string }> {
  const current = await readModuleForWriting(scope, input.id);
  await scope.db
    .delete(courseModule)
    .where(
      and(eq(courseModule.organizationId, scope.organizationId), eq(courseModule.id, current.id)),
    );
  return { id: current.id };
}

/** course.reorderModules: every module of the course, in their new order. */
export async function reorderModules(
  scope: TenantScope,
  input: z.output<typeof reorderModulesInput>,
): Promise<{ ids: string[] }> {
  const target = await readCourse(scope, input.courseId, true);
  const current = await scope.db
    .select({ id: courseModule.id })
    .from(courseModule)
    .where(
      and(
        eq(courseModule.organizationId, scope.organizationId),
        eq(courseModule.courseId, target.id),
      ),
    );
  return applyOrder(scope, courseModule, target.spaceId, current, input.ids);
}
