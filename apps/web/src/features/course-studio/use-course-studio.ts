import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/**
 * A course as its authors edit it: course.outline read by an author lists every module and
 * lesson, drafts included, with the course's own fields (NOT_FOUND: not there, or not theirs to
 * see).
 */
export function useCourseForEditing(courseId: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.course.outline.queryOptions({ id: courseId, asMember: false }));
}

/** One lesson with every field, quiz answers included (lesson.get: authors only). */
export function useLessonForEditing(lessonId: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.lesson.get.queryOptions({ id: lessonId }));
}

/**
 * The authors' changes. Each reads every course and lesson query again after it: the editor,
 * the space's course list and the learners' outline all show the same course.
 */
export function useCourseStudioMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.course.pathFilter()),
      queryClient.invalidateQueries(trpc.lesson.pathFilter()),
    ]);
  const options = { onSuccess: refresh };
  return {
    /** For a removal: read again once the screen has moved off what was removed. */
    refresh,
    createCourse: useMutation(trpc.course.create.mutationOptions(options)),
    updateCourse: useMutation(trpc.course.update.mutationOptions(options)),
    setCourseStatus: useMutation(trpc.course.setStatus.mutationOptions(options)),
    duplicateCourse: useMutation(trpc.course.duplicate.mutationOptions(options)),
    removeCourse: useMutation(trpc.course.remove.mutationOptions()),
    grant: useMutation(trpc.course.grant.mutationOptions(options)),
    revokeGrant: useMutation(trpc.course.revokeGrant.mutationOptions(options)),
    createModule: useMutation(trpc.course.createModule.mutationOptions(options)),
    updateModule: useMutation(trpc.course.updateModule.mutationOptions(options)),
    removeModule: useMutation(trpc.course.removeModule.mutationOptions(options)),
    reorderModules: useMutation(trpc.course.reorderModules.mutationOptions(options)),
    createLesson: useMutation(trpc.lesson.create.mutationOptions(options)),
    updateLesson: useMutation(trpc.lesson.update.mutationOptions(options)),
    setLessonStatus: useMutation(trpc.lesson.setStatus.mutationOptions(options)),
    removeLesson: useMutation(trpc.lesson.remove.mutationOptions()),
    reorderLessons: useMutation(trpc.lesson.reorder.mutationOptions(options)),
    moveLesson: useMutation(trpc.lesson.move.mutationOptions(options)),
  };
}
