// A course's public page (issue 12 §1: "the outline, free preview lessons, price … to sell the
// course"), at /c/:slug/courses/:courseId, for anyone, signed out included. Like the
// organization's public page (join.ts) it answers only what the organization shows the world:
// a published course of a public, unarchived space, its published lessons' titles and facts, who
// may take it (free, which tiers at what price, or by an admin's grant), and the content of its
// free preview lessons. Everything else is NOT_FOUND, the same answer as an id that does not
// exist: a draft, a course of a private or paid space, another organization's course, a lesson
// that is not a free preview.
//
// A preview lesson's blocks are built field by field for the world: text, videos and callouts as
// written; a quiz as how many questions it has (never a prompt, an option or an answer); an image
// or file as its caption only, since its bytes are served to members alone (public-files.ts).
import {
  and,
  asc,
  type Clock,
  courseModule,
  type Database,
  eq,
  lesson,
  type TenantScope,
} from "@guild/db";
import type { z } from "zod";
import { notFound } from "../errors.ts";
import {
  type LessonBlock,
  lessonContent,
  type publicCourseInput,
  type publicLessonInput,
} from "../schemas/learning.ts";
import { tiersOfCourses } from "./course.ts";
import { hasQuiz } from "./course-learning.ts";
import {
  asFrontDoor,
  findOrganization,
  publicCourses,
  standingOf,
  tiersOnSale,
  type ViewerStanding,
} from "./join.ts";
import { logoUrlOf } from "./organization-logo.ts";

const noSuchCourse = () => notFound("Course");
const noSuchLesson = () => notFound("Lesson");

/** A lesson block as the world sees it in a free preview. */
export type PublicLessonBlock =
  | { id: string; type: "markdown"; markdown: string }
  | { id: string; type: "video"; url: string }
  | { id: string; type: "callout"; tone: "info" | "tip" | "warning"; markdown: string }
  | { id: string; type: "image"; alt: string }
  | { id: string; type: "file"; label: string }
  | { id: string; type: "quiz"; questionCount: number };

export function publicBlocks(blocks: LessonBlock[]): PublicLessonBlock[] {
  return blocks.map((block): PublicLessonBlock => {
    switch (block.type) {
      case "markdown":
        return { id: block.id, type: "markdown", markdown: block.markdown };
      case "video":
        return { id: block.id, type: "video", url: block.url };
      case "callout":
        return { id: block.id, type: "callout", tone: block.tone, markdown: block.markdown };
      case "image":
        return { id: block.id, type: "image", alt: block.alt };
      case "file":
        return { id: block.id, type: "file", label: block.label };
      default:
        // The quiz: how long it is, nothing of what it asks.
        return { id: block.id, type: "quiz", questionCount: block.questions.length };
    }
  });
}

/** The published course of a public space; NOT_FOUND otherwise. */
async function publicCourseRow(scope: TenantScope, courseId: string) {
  const [row] = await publicCourses(scope, courseId);
  if (!row) throw noSuchCourse();
  return row;
}

/** The active tiers that open a course by tier, with their prices. */
async function tiersOfCourse(scope: TenantScope, courseId: string) {
  const named = (await tiersOfCourses(scope, [courseId])).get(courseId) ?? [];
  return named.length === 0
    ? []
    : tiersOnSale(
        scope,
        named.map((t) => t.id),
      );
}

/** publicCourse.get: the course's public page. */
export async function publicCourse(
  db: Database,
  clock: Clock,
  input: z.output<typeof publicCourseInput>,
  viewer: { userId: string } | null,
) {
  const org = await findOrganization(db, input.slug);
  return asFrontDoor(db, clock, org, "public course page", async (scope) => {
    const { spaceSlug, ...target } = await publicCourseRow(scope, input.courseId);
    const modules = await scope.db
      .select({ id: courseModule.id, title: courseModule.title })
      .from(courseModule)
      .where(
        and(
          eq(courseModule.organizationId, scope.organizationId),
          eq(courseModule.courseId, target.id),
        ),
      )
      .orderBy(asc(courseModule.position), asc(courseModule.id));
    const lessons = await scope.db
      .select({
        id: lesson.id,
        moduleId: lesson.moduleId,
        title: lesson.title,
        subtitle: lesson.subtitle,
        difficulty: lesson.difficulty,
        estimatedMinutes: lesson.estimatedMinutes,
        level: lesson.level,
        freePreview: lesson.freePreview,
        hasQuiz,
      })
      .from(lesson)
      .where(
        and(
          eq(lesson.organizationId, scope.organizationId),
          eq(lesson.courseId, target.id),
          eq(lesson.status, "published"),
        ),
      )
      .orderBy(asc(lesson.position), asc(lesson.id));
    const standing: ViewerStanding | null = viewer ? await standingOf(scope, viewer.userId) : null;
    return {
      organization: {
        name: org.name,
        slug: org.slug,
        accentColor: org.accentColor,
        logoUrl: await logoUrlOf(scope),
        joinPolicy: org.joinPolicy,
      },
      course: target,
      tiers: target.access === "tier" ? await tiersOfCourse(scope, target.id) : [],
      modules: modules
        .map((m) => ({
          ...m,
          lessons: lessons
            .filter((l) => l.moduleId === m.id)
            .map(({ moduleId: _module, ...l }) => l),
        }))
        .filter((m) => m.lessons.length > 0),
      // A member is sent to the course inside the organization (its space's address).
      viewer: viewer ? { standing, spaceSlug: standing === "member" ? spaceSlug : null } : null,
    };
  });
}

/** publicCourse.lesson: a free preview lesson of the course, readable by anyone. */
export async function publicLesson(
  db: Database,
  clock: Clock,
  input: z.output<typeof publicLessonInput>,
) {
  const org = await findOrganization(db, input.slug);
  return asFrontDoor(db, clock, org, "public course preview", async (scope) => {
    const target = await publicCourseRow(scope, input.courseId);
    const [row] = await scope.db
      .select({
        id: lesson.id,
        title: lesson.title,
        subtitle: lesson.subtitle,
        difficulty: lesson.difficulty,
        estimatedMinutes: lesson.estimatedMinutes,
        level: lesson.level,
        content: lesson.content,
      })
      .from(lesson)
      .where(
        and(
          eq(lesson.organizationId, scope.organizationId),
          eq(lesson.courseId, target.id),
          eq(lesson.id, input.lessonId),
          eq(lesson.status, "published"),
          eq(lesson.freePreview, true),
        ),
      );
    if (!row) throw noSuchLesson();
    const { content, ...fields } = row;
    const parsed = lessonContent.safeParse(content);
    if (!parsed.success) throw new Error(`lesson ${row.id} has content its schema refuses`);
    return {
      ...fields,
      course: { id: target.id, title: target.title },
      content: publicBlocks(parsed.data),
    };
  });
}
