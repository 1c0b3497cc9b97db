import { Link } from "@tanstack/react-router";
import { ArrowLeft, ArrowRight, CheckCircle2, Lock } from "lucide-react";
import { Button, ButtonLink } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { errorReason, isNotFound } from "../../lib/errors.ts";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { difficultyLabels, minutesText } from "../course-studio/course-labels.ts";
import { LessonBlocks } from "./lesson-blocks.tsx";
import { locksInWords } from "./lock-words.ts";
import { QuizForm } from "./quiz-form.tsx";
import {
  type LessonSummary,
  type LessonView,
  useCourseOutline,
  useLearningMutations,
  useLesson,
} from "./use-learning.ts";
import { useLessonTime } from "./use-lesson-time.ts";

interface Place {
  slug: string;
  spaceSlug: string;
  courseId: string;
  lessonId: string;
}

/**
 * A lesson as the member takes it: its blocks, its quiz, Mark complete, the time spent (counted
 * while the tab is visible), and the previous and next lessons of the course. A locked lesson
 * says why, in the outline's words.
 */
export function LessonPlayerScreen(place: Place) {
  const lesson = useLesson(place.lessonId);
  const outline = useCourseOutline(place.courseId);
  const here = outline.data?.modules.flatMap((m) => m.lessons) ?? [];
  if (lesson.isPending) return <LoadingState label="Opening the lesson…" />;
  if (lesson.isError) {
    if (isNotFound(lesson.error))
      return (
        <NotFound
          title="Lesson not found"
          description="There is no lesson at this address that you can see."
        >
          <BackToCourse place={place} />
        </NotFound>
      );
    if (errorReason(lesson.error) === "LESSON_LOCKED") {
      const summary = here.find((l) => l.id === place.lessonId);
      return (
        <NotFound
          title={summary ? `${summary.title} is locked` : "This lesson is locked"}
          description={
            <span className="inline-flex items-center gap-2">
              <Lock aria-hidden="true" className="size-4" />
              {summary && summary.locks.length > 0
                ? locksInWords(summary.locks)
                : lesson.error.message}
            </span>
          }
        >
          <BackToCourse place={place} />
        </NotFound>
      );
    }
    return <ErrorState error={lesson.error} onRetry={() => void lesson.refetch()} />;
  }
  return <LessonPlayer lesson={lesson.data} lessons={here} place={place} />;
}

function BackToCourse({ place }: { place: Place }) {
  return (
    <ButtonLink
      variant="secondary"
      to="/o/$slug/s/$spaceSlug/courses/$courseId"
      params={{ slug: place.slug, spaceSlug: place.spaceSlug, courseId: place.courseId }}
    >
      Back to the course
    </ButtonLink>
  );
}

function LessonPlayer({
  lesson,
  lessons,
  place,
}: {
  lesson: LessonView;
  lessons: LessonSummary[];
  place: Place;
}) {
  const { complete } = useLearningMutations();
  const enrolled = lesson.progress !== null;
  const completed =
    lesson.progress?.status === "completed" || complete.data?.lessonId === lesson.id;
  useLessonTime(lesson.id, enrolled);
  const quiz = lesson.content.find((b) => b.type === "quiz");
  const index = lessons.findIndex((l) => l.id === lesson.id);
  const previous = index > 0 ? lessons[index - 1] : undefined;
  const next = index >= 0 ? lessons[index + 1] : undefined;
  const meta = [
    difficultyLabels[lesson.difficulty],
    lesson.estimatedMinutes ? minutesText(lesson.estimatedMinutes) : null,
    lesson.xpReward > 0 ? `${lesson.xpReward} XP` : null,
    lesson.progress && lesson.progress.timeSpentSeconds >= 60
      ? `You spent ${minutesText(Math.floor(lesson.progress.timeSpentSeconds / 60))} here`
      : null,
  ].filter((m): m is string => m !== null);
  const params = (lessonId: string) => ({ ...place, lessonId });
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <Link
        to="/o/$slug/s/$spaceSlug/courses/$courseId"
        params={{ slug: place.slug, spaceSlug: place.spaceSlug, courseId: place.courseId }}
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        <span className="wrap-anywhere">{lesson.course.title}</span>
      </Link>
      <PageHeader
        title={lesson.title}
        description={
          <>
            {lesson.subtitle && <span className="block">{lesson.subtitle}</span>}
            <span className="block">{meta.join(" · ")}</span>
          </>
        }
        actions={
          completed ? (
            <span className="inline-flex items-center gap-1.5 rounded-full bg-success-muted px-3 py-1 text-sm font-medium text-success">
              <CheckCircle2 aria-hidden="true" className="size-4" />
              Completed
            </span>
          ) : undefined
        }
      />
      <LessonBlocks blocks={lesson.content} />
      {quiz?.type === "quiz" && <QuizForm key={lesson.id} quiz={quiz} lesson={lesson} />}
      {!quiz && enrolled && !completed && (
        <Card>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-muted-foreground">
              Done with this lesson?
              {lesson.xpReward > 0 && ` Completing it earns ${lesson.xpReward} XP.`}
            </p>
            <Button pending={complete.isPending} onClick={() => complete.mutate({ id: lesson.id })}>
              <CheckCircle2 aria-hidden="true" className="size-4" />
              Mark complete
            </Button>
          </div>
          {complete.error && (
            <div className="mt-3">
              <ErrorAlert error={complete.error} />
            </div>
          )}
        </Card>
      )}
      {!enrolled && (
        <p className="rounded-md bg-info-muted px-3 py-2 text-sm text-info ring-1 ring-inset ring-info-border">
          This is a free preview. Enroll in the course to track your progress and earn XP.
        </p>
      )}
      {complete.data?.courseCompleted && (
        <p
          role="status"
          className="rounded-md bg-success-muted px-3 py-2 text-sm text-success ring-1 ring-inset ring-success-border"
        >
          You completed the course. Well done!
        </p>
      )}
      <nav
        aria-label="Lessons"
        className="flex flex-col gap-3 border-t border-border pt-4 sm:flex-row sm:justify-between"
      >
        {previous ? (
          <LessonStep lesson={previous} params={params(previous.id)} direction="previous" />
        ) : (
          <span />
        )}
        {next && <LessonStep lesson={next} params={params(next.id)} direction="next" />}
      </nav>
    </article>
  );
}

function LessonStep({
  lesson,
  params,
  direction,
}: {
  lesson: LessonSummary;
  params: Place;
  direction: "previous" | "next";
}) {
  const label = direction === "previous" ? "Previous" : "Next";
  const locked = lesson.locks.length > 0;
  const content = (
    <>
      {direction === "previous" && <ArrowLeft aria-hidden="true" className="size-4 shrink-0" />}
      <span className="min-w-0">
        <span className="block text-xs text-muted-foreground">{label}</span>
        <span className="block truncate font-medium">{lesson.title}</span>
        {locked && <span className="block text-xs text-warning">{locksInWords(lesson.locks)}</span>}
      </span>
      {direction === "next" &&
        (locked ? (
          <Lock aria-hidden="true" className="size-4 shrink-0" />
        ) : (
          <ArrowRight aria-hidden="true" className="size-4 shrink-0" />
        ))}
    </>
  );
  const className = `flex min-w-0 items-center gap-2 rounded-md px-3 py-2 text-sm text-foreground ring-1 ring-inset ring-border sm:max-w-[48%] ${
    direction === "next" ? "sm:ml-auto sm:text-right" : ""
  }`;
  if (locked)
    return (
      <div className={`${className} opacity-70`} aria-disabled="true">
        {content}
      </div>
    );
  return (
    <Link
      to="/o/$slug/s/$spaceSlug/courses/$courseId/lessons/$lessonId"
      params={params}
      className={`${className} hover:bg-muted`}
    >
      {content}
    </Link>
  );
}
