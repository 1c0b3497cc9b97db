import type { RouterOutputs } from "@guild/api";
import { levelForXp } from "@guild/api/schemas/xp-level";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { useOrgTRPC } from "../../lib/trpc.ts";

export type CourseList = RouterOutputs["course"]["list"];
export type CourseSummary = CourseList["courses"][number];
export type CourseOutline = RouterOutputs["course"]["outline"];
export type LessonSummary = CourseOutline["modules"][number]["lessons"][number];
export type LessonView = RouterOutputs["lesson"]["open"];
export type LessonBlockView = LessonView["content"][number];
export type QuizResult = RouterOutputs["lesson"]["submitQuiz"];
export type MyXp = RouterOutputs["xp"]["me"];
export type Leaderboard = RouterOutputs["leaderboard"]["get"];
export type LeaderboardPeriod = Leaderboard["period"];

/** A course space's courses with the member's progress (drafts too, for authors). */
export function useCourses(spaceId: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.course.list.queryOptions({ spaceId }));
}

export function useCourseOutline(courseId: string) {
  const trpc = useOrgTRPC();
  return useQuery(trpc.course.outline.queryOptions({ id: courseId, asMember: false }));
}

/**
 * A lesson as the member opens it. Opening is what records where they resume, so it is read once
 * per visit: no refetch on focus (that would move "resume" while another tab is elsewhere).
 */
export function useLesson(lessonId: string) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.lesson.open.queryOptions({ id: lessonId }),
    refetchOnWindowFocus: false,
    staleTime: 0,
  });
}

/** The member's XP, level and streaks: the shell's badge and the lesson screens read it. */
export function useMyXp() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.xp.me.queryOptions());
}

/** The member's certificate for a course, once they completed it (null: none). */
export function useCourseCertificate(courseId: string, completed: boolean) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.certificate.mine.queryOptions(),
    enabled: completed,
    select: (certificates) => certificates.find((c) => c.courseId === courseId) ?? null,
  });
}

export function useLeaderboard(period: LeaderboardPeriod, offset: number) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.leaderboard.get.queryOptions({ period, offset, limit: 50 }),
    placeholderData: keepPreviousData,
  });
}

/**
 * After something that may earn XP: reads xp.me again and says what it brought, "+50 XP", and a
 * level-up in its own toast (levels by the same levelForXp the server uses). `snapshot` is taken
 * when the mutation starts: a live event (an achievement's XP, awarded by a job) may refetch xp.me
 * before the mutation's answer arrives, and a later "before" would then hide the gain.
 */
function useXpAnnouncer() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  // Read (or, when nothing showed it yet, e.g. the phone's closed drawer, fetched) before the
  // mutation is sent: without a "before" there is no gain to say.
  const snapshot = () =>
    queryClient.ensureQueryData(trpc.xp.me.queryOptions()).catch(() => undefined);
  const announce = async (before: Awaited<ReturnType<typeof snapshot>>) => {
    await queryClient.invalidateQueries(trpc.xp.me.pathFilter());
    const after = await queryClient.fetchQuery(trpc.xp.me.queryOptions()).catch(() => undefined);
    if (!before || !after) return;
    const gained = after.xp - before.xp;
    if (gained > 0) toast.success(`+${gained.toLocaleString("en")} XP`);
    const [was, now] = [levelForXp(before.xp), levelForXp(after.xp)];
    if (now > was)
      toast.success(`Level up! You reached level ${now}`, {
        description: `Keep going: level ${now + 1} at ${after.nextLevelXp.toLocaleString("en")} XP.`,
      });
  };
  return { snapshot, announce };
}

/** Enrolling, completing and quizzes, each refreshing what it changes. */
export function useLearningMutations() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const xp = useXpAnnouncer();
  const refreshCourse = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.course.outline.pathFilter()),
      queryClient.invalidateQueries(trpc.course.list.pathFilter()),
      queryClient.invalidateQueries(trpc.leaderboard.get.pathFilter()),
    ]);
  return {
    enroll: useMutation(
      trpc.course.enroll.mutationOptions({
        onSuccess: (outline) => {
          queryClient.setQueryData(
            trpc.course.outline.queryKey({ id: outline.course.id, asMember: false }),
            outline,
          );
          void queryClient.invalidateQueries(trpc.course.list.pathFilter());
          toast.success(`You enrolled in ${outline.course.title}.`);
        },
      }),
    ),
    complete: useMutation(
      trpc.lesson.complete.mutationOptions({
        onMutate: async () => ({ xpBefore: await xp.snapshot() }),
        onSuccess: async (done, _input, context) => {
          await refreshCourse();
          if (done.newlyCompleted) await xp.announce(context.xpBefore);
        },
      }),
    ),
    submitQuiz: useMutation(
      trpc.lesson.submitQuiz.mutationOptions({
        onMutate: async () => ({ xpBefore: await xp.snapshot() }),
        onSuccess: async (result, _input, context) => {
          await Promise.all([
            refreshCourse(),
            queryClient.invalidateQueries(trpc.lesson.open.queryFilter({ id: result.lessonId })),
          ]);
          if (result.passed) await xp.announce(context.xpBefore);
        },
      }),
    ),
  };
}
