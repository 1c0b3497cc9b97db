import { unpricedTierFields } from "../testing.ts";
import { missingId, sweepDomain } from "./define.ts";

interface CourseSeed {
  spaceId: string;
  courseId: string;
  tierCourseId: string;
  grantCourseId: string;
  spareCourseId: string;
  moduleId: string;
  spareModuleId: string;
  lessonId: string;
  secondLessonId: string;
  spareLessonId: string;
  grantedMemberId: string;
}

// A private course space the owner is in, with courses (free, by tier, by grant), modules,
// lessons with a quiz and a prerequisite, the owner's enrollment, progress and quiz attempt: to a
// plain member (and the CRM member) the space and everything in it exist nowhere; moderators and
// up see every space and are the ones who write courses; admins grant them.
const hiddenFromMembers = {
  right: "see the private course space",
  lacking: ["member", "crmMember"] as ["member", "crmMember"],
  refusal: { kind: "hidden" as const },
};

const quiz = {
  id: "quiz",
  type: "quiz" as const,
  passScore: 50,
  attemptLimit: null,
  questions: [
    {
      id: "q1",
      kind: "short" as const,
      prompt: "Victim's question",
      acceptedAnswers: ["Victim's secret answer"],
    },
  ],
};
const answers = [{ questionId: "q1", optionIds: [], text: "Victim's secret answer" }];

const courseFields = { description: "", access: "free" as const, tierIds: [] };
const diagram = { name: "Victim's diagram.png", size: 1024, contentType: "image/png" as const };

export const courseSweep = sweepDomain<CourseSeed>({
  async seed(victim) {
    const { owner } = victim;
    const room = await owner.space.create({
      name: "Victim's courses",
      slug: "victims-courses",
      description: "",
      icon: "",
      type: "course",
      visibility: "private",
      section: "",
    });
    await owner.space.addMember({ spaceId: room.id, memberId: victim.memberIds.owner });
    const tier = await owner.memberTier.create({
      ...unpricedTierFields,
      name: "Victim's course tier",
    });
    const create = (slug: string, extra: object = {}) =>
      owner.course.create({
        spaceId: room.id,
        title: `Victim's ${slug}`,
        slug,
        ...courseFields,
        description: "Victim's secret syllabus",
        ...extra,
      });
    const main = await create("victims-course");
    const byTier = await create("victims-tier-course", { access: "tier", tierIds: [tier.id] });
    const byGrant = await create("victims-grant-course", { access: "grant" });
    const spare = await create("victims-spare-course");
    await owner.course.grant({ courseId: byGrant.id, memberId: victim.memberIds.member });
    const part = await owner.course.createModule({ courseId: main.id, title: "Victim's module" });
    const sparePart = await owner.course.createModule({ courseId: main.id, title: "Spare" });
    const first = await owner.lesson.create({
      moduleId: part.id,
      title: "Victim's first lesson",
      content: [{ id: "intro", type: "markdown", markdown: "Victim's secret lesson" }, quiz],
    });
    const second = await owner.lesson.create({
      moduleId: part.id,
      title: "Victim's second lesson",
      prerequisiteIds: [first.id],
    });
    const spareLesson = await owner.lesson.create({ moduleId: sparePart.id, title: "Spare" });
    for (const id of [first.id, second.id])
      await owner.lesson.setStatus({ id, status: "published" });
    await owner.course.setStatus({ id: main.id, status: "published" });
    await owner.course.enroll({ id: main.id });
    await owner.lesson.open({ id: first.id });
    await owner.lesson.submitQuiz({ lessonId: first.id, answers });
    return {
      spaceId: room.id,
      courseId: main.id,
      tierCourseId: byTier.id,
      grantCourseId: byGrant.id,
      spareCourseId: spare.id,
      moduleId: part.id,
      spareModuleId: sparePart.id,
      lessonId: first.id,
      secondLessonId: second.id,
      spareLessonId: spareLesson.id,
      grantedMemberId: victim.memberIds.member,
    };
  },
  procedures: {
    // Learning statistics (services/learning-stats.ts): each member's own dashboard; the
    // per-lesson sums over this seed's enrollment, progress and attempt for admins only.
    "learning.dashboard": { access: "member", input: () => ({}) },
    "learning.analytics": {
      access: "admin",
      input: (s) => ({ courseId: s.courseId }),
      missing: () => ({ courseId: missingId }),
    },
    "course.list": {
      access: "member",
      input: (s) => ({ spaceId: s.spaceId }),
      missing: () => ({ spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "course.outline": {
      access: "member",
      input: (s) => ({ id: s.courseId }),
      missing: () => ({ id: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "course.enroll": {
      access: "member",
      input: (s) => ({ id: s.courseId }),
      missing: () => ({ id: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "course.create": {
      access: "moderator",
      input: (s) => ({ spaceId: s.spaceId, title: "Planted", slug: "planted", ...courseFields }),
      missing: () => ({ spaceId: missingId, title: "Planted", slug: "planted", ...courseFields }),
    },
    "course.update": {
      access: "moderator",
      input: (s) => ({ id: s.courseId, title: "Planted", slug: "planted", ...courseFields }),
      missing: () => ({ id: missingId, title: "Planted", slug: "planted", ...courseFields }),
    },
    "course.setStatus": {
      access: "moderator",
      input: (s) => ({ id: s.spareCourseId, status: "published" }),
      missing: () => ({ id: missingId, status: "published" }),
    },
    "course.remove": {
      access: "moderator",
      input: (s) => ({ id: s.spareCourseId }),
      missing: () => ({ id: missingId }),
    },
    "course.reorder": {
      access: "moderator",
      input: (s) => ({
        spaceId: s.spaceId,
        ids: [s.spareCourseId, s.grantCourseId, s.tierCourseId, s.courseId],
      }),
      missing: () => ({ spaceId: missingId, ids: [missingId] }),
    },
    "course.duplicate": {
      access: "moderator",
      input: (s) => ({ id: s.courseId, title: "Planted copy", slug: "planted-copy" }),
      missing: () => ({ id: missingId, title: "Planted copy", slug: "planted-copy" }),
    },
    "course.grant": {
      access: "admin",
      input: (s) => ({ courseId: s.grantCourseId, memberId: s.grantedMemberId }),
      missing: () => ({ courseId: missingId, memberId: missingId }),
    },
    "course.grants": {
      access: "admin",
      input: (s) => ({ id: s.grantCourseId }),
      missing: () => ({ id: missingId }),
    },
    "course.revokeGrant": {
      access: "admin",
      input: (s) => ({ courseId: s.grantCourseId, memberId: s.grantedMemberId }),
      missing: () => ({ courseId: missingId, memberId: missingId }),
    },
    "course.createModule": {
      access: "moderator",
      input: (s) => ({ courseId: s.courseId, title: "Planted module" }),
      missing: () => ({ courseId: missingId, title: "Planted module" }),
    },
    "course.updateModule": {
      access: "moderator",
      input: (s) => ({ id: s.moduleId, title: "Planted module" }),
      missing: () => ({ id: missingId, title: "Planted module" }),
    },
    "course.removeModule": {
      access: "moderator",
      input: (s) => ({ id: s.spareModuleId }),
      missing: () => ({ id: missingId }),
    },
    "course.reorderModules": {
      access: "moderator",
      input: (s) => ({ courseId: s.courseId, ids: [s.spareModuleId, s.moduleId] }),
      missing: () => ({ courseId: missingId, ids: [missingId] }),
    },
    "lesson.open": {
      access: "member",
      input: (s) => ({ id: s.lessonId }),
      missing: () => ({ id: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "lesson.complete": {
      access: "member",
      input: (s) => ({ id: s.lessonId }),
      missing: () => ({ id: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "owner" }],
    },
    "lesson.reportTime": {
      access: "member",
      input: (s) => ({ id: s.lessonId, seconds: 30 }),
      missing: () => ({ id: missingId, seconds: 30 }),
      requires: [{ ...hiddenFromMembers, holder: "owner" }],
    },
    "lesson.submitQuiz": {
      access: "member",
      input: (s) => ({ lessonId: s.lessonId, answers }),
      missing: () => ({ lessonId: missingId, answers }),
      requires: [{ ...hiddenFromMembers, holder: "owner" }],
    },
    "lesson.get": {
      access: "moderator",
      input: (s) => ({ id: s.lessonId }),
      missing: () => ({ id: missingId }),
    },
    "lesson.create": {
      access: "moderator",
      input: (s) => ({ moduleId: s.moduleId, title: "Planted lesson" }),
      missing: () => ({ moduleId: missingId, title: "Planted lesson" }),
    },
    "lesson.update": {
      access: "moderator",
      input: (s) => ({ id: s.secondLessonId, title: "Planted lesson" }),
      missing: () => ({ id: missingId, title: "Planted lesson" }),
    },
    "lesson.setStatus": {
      access: "moderator",
      input: (s) => ({ id: s.spareLessonId, status: "published" }),
      missing: () => ({ id: missingId, status: "published" }),
    },
    "lesson.remove": {
      access: "moderator",
      input: (s) => ({ id: s.spareLessonId }),
      missing: () => ({ id: missingId }),
    },
    "lesson.reorder": {
      access: "moderator",
      input: (s) => ({ moduleId: s.moduleId, ids: [s.secondLessonId, s.lessonId] }),
      missing: () => ({ moduleId: missingId, ids: [missingId] }),
    },
    "lesson.startFileUpload": {
      access: "moderator",
      input: (s) => ({ ...diagram, courseId: s.courseId }),
      missing: () => ({ ...diagram, courseId: missingId }),
    },
    "lesson.move": {
      access: "moderator",
      input: (s) => ({ id: s.secondLessonId, moduleId: s.spareModuleId }),
      missing: () => ({ id: missingId, moduleId: missingId }),
    },
  },
});
