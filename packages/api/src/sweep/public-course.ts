import { sweepDomain } from "./define.ts";

interface PublicCourseSeed {
  courseId: string;
  lessonId: string;
}

// Public by design: anyone reads a published course of a public space and its free previews.
// Aimed at a third organization's course (as the public page and certificate verification are),
// since the victim's own shows what it shows the world; what the page must never show (drafts,
// private spaces, other lessons, quiz answers) is public-course.test.ts's.
export const publicCourseSweep = sweepDomain<PublicCourseSeed>({
  async seed(victim) {
    const school = await victim.fx.createOrg("open-school");
    const api = await school.owner.caller("open-school");
    const room = await api.space.create({
      name: "Open school",
      slug: "open-school",
      description: "",
      icon: "",
      type: "course",
      visibility: "public",
      section: "",
    });
    const made = await api.course.create({
      spaceId: room.id,
      title: "Open course",
      slug: "open-course",
      description: "",
      access: "free",
      tierIds: [],
    });
    const part = await api.course.createModule({ courseId: made.id, title: "Start" });
    const lesson = await api.lesson.create({
      moduleId: part.id,
      title: "Taste",
      freePreview: true,
    });
    await api.lesson.setStatus({ id: lesson.id, status: "published" });
    await api.course.setStatus({ id: made.id, status: "published" });
    return { courseId: made.id, lessonId: lesson.id };
  },
  procedures: {
    "publicCourse.get": {
      access: "public",
      input: (s) => ({ slug: "open-school", courseId: s.courseId }),
    },
    "publicCourse.lesson": {
      access: "public",
      input: (s) => ({ slug: "open-school", courseId: s.courseId, lessonId: s.lessonId }),
    },
  },
});
