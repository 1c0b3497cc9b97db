import { lessonDifficulties } from "@guild/db/enums";
import { Link } from "@tanstack/react-router";
import {
  ArrowLeft,
  Award,
  CheckCircle2,
  Circle,
  CircleDot,
  Lock,
  Pencil,
  PlayCircle,
} from "lucide-react";
import { useState } from "react";
import { Button, ButtonLink, buttonClass } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { SelectField } from "../../components/field.tsx";
import { ProgressBar } from "../../components/progress-bar.tsx";
import { EmptyState, ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { isNotFound } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { optionalOneOf } from "../../lib/search-params.ts";
import { ErrorAlert } from "../billing/error-alert.tsx";
import { difficultyLabels, minutesText } from "../course-studio/course-labels.ts";
import { locksInWords, lockWords } from "./lock-words.ts";
import {
  type CourseOutline,
  type LessonSummary,
  useCourseCertificate,
  useCourseOutline,
  useLearningMutations,
} from "./use-learning.ts";

const timeLimits = [5, 10, 15, 30, 60] as const;

interface Filters {
  difficulty: LessonSummary["difficulty"] | "any";
  /** Lessons that take at most this many minutes (those without an estimate stay). */
  maxMinutes: number | null;
}

function shownBy(filters: Filters) {
  return (lesson: LessonSummary) =>
    (filters.difficulty === "any" || lesson.difficulty === filters.difficulty) &&
    (filters.maxMinutes === null ||
      lesson.estimatedMinutes === null ||
      lesson.estimatedMinutes <= filters.maxMinutes);
}

/**
 * A course's outline: enroll, resume, and each module's lessons with the member's status, every
 * lock said in words. Lessons can be narrowed by difficulty and time to plan a session.
 */
export function CourseOutlineScreen({
  slug,
  spaceSlug,
  courseId,
}: {
  slug: string;
  spaceSlug: string;
  courseId: string;
}) {
  const outline = useCourseOutline(courseId);
  if (outline.isPending) return <LoadingState label="Loading the course…" />;
  if (outline.isError)
    return isNotFound(outline.error) ? (
      <NotFound
        title="Course not found"
        description="There is no course at this address that you can see."
      >
        <ButtonLink variant="secondary" to="/o/$slug/s/$spaceSlug" params={{ slug, spaceSlug }}>
          Back to the space
        </ButtonLink>
      </NotFound>
    ) : (
      <ErrorState error={outline.error} onRetry={() => void outline.refetch()} />
    );
  return <OutlineView outline={outline.data} slug={slug} spaceSlug={spaceSlug} />;
}

function OutlineView({
  outline,
  slug,
  spaceSlug,
}: {
  outline: CourseOutline;
  slug: string;
  spaceSlug: string;
}) {
  const { enroll } = useLearningMutations();
  const [filters, setFilters] = useState<Filters>({ difficulty: "any", maxMinutes: null });
  const { course } = outline;
  const lessons = outline.modules.flatMap((m) => m.lessons);
  const totalMinutes = lessons.reduce((sum, l) => sum + (l.estimatedMinutes ?? 0), 0);
  const resume = lessons.find((l) => l.id === outline.resumeLessonId);
  const started = lessons.some((l) => l.progress !== null);
  const filtered = filters.difficulty !== "any" || filters.maxMinutes !== null;
  const show = shownBy(filters);
  const lessonParams = (lessonId: string) => ({
    slug,
    spaceSlug,
    courseId: course.id,
    lessonId,
  });
  return (
    <div className="space-y-6">
      <Link
        to="/o/$slug/s/$spaceSlug"
        params={{ slug, spaceSlug }}
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        All courses
      </Link>
      <PageHeader
        title={course.title}
        description={course.description || undefined}
        actions={
          <>
            {outline.canManage && (
              <ButtonLink
                variant="secondary"
                to="/o/$slug/s/$spaceSlug/courses/$courseId/edit"
                params={{ slug, spaceSlug, courseId: course.id }}
              >
                <Pencil aria-hidden="true" className="size-4" />
                Edit course
              </ButtonLink>
            )}
            {outline.canEnroll && (
              <Button pending={enroll.isPending} onClick={() => enroll.mutate({ id: course.id })}>
                Enroll
              </Button>
            )}
            {outline.enrollment && resume && (
              <ButtonLink
                to="/o/$slug/s/$spaceSlug/courses/$courseId/lessons/$lessonId"
                params={lessonParams(resume.id)}
              >
                <PlayCircle aria-hidden="true" className="size-4" />
                {started ? "Resume" : "Start"}: {resume.title}
              </ButtonLink>
            )}
          </>
        }
      />
      {enroll.error && <ErrorAlert error={enroll.error} />}
      {course.status === "draft" && (
        <p className="rounded-md bg-warning-muted px-3 py-2 text-sm text-warning ring-1 ring-inset ring-warning-border">
          This course is a draft: members do not see it until it is published.
        </p>
      )}
      {outline.accessLock && (
        <p className="flex items-center gap-2 rounded-md bg-info-muted px-3 py-2 text-sm text-info ring-1 ring-inset ring-info-border">
          <Lock aria-hidden="true" className="size-4 shrink-0" />
          {outline.accessLock.kind === "tier"
            ? `This course is for members of the ${outline.accessLock.tierName} tier.`
            : lockWords(outline.accessLock)}
        </p>
      )}
      <Card>
        <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center">
          <div className="space-y-1">
            <div className="flex justify-between text-sm">
              <span className="font-medium text-foreground">
                {outline.enrollment?.completedAt
                  ? "Course completed"
                  : outline.enrollment
                    ? "Your progress"
                    : "Not enrolled yet"}
              </span>
              <span className="tabular-nums text-muted-foreground">
                {outline.percentComplete}% complete
              </span>
            </div>
            <ProgressBar label="Course progress" percent={outline.percentComplete} />
          </div>
          <p className="text-sm text-muted-foreground">
            {lessons.length} {lessons.length === 1 ? "lesson" : "lessons"}
            {totalMinutes > 0 && ` · about ${minutesText(totalMinutes)}`}
          </p>
        </div>
      </Card>
      {outline.enrollment?.completedAt && <CertificateCard courseId={course.id} />}
      {lessons.length > 0 && (
        <div className="flex flex-wrap items-end gap-3">
          <SelectField
            label="Difficulty"
            className="w-44"
            value={filters.difficulty}
            onChange={(event) => {
              const difficulty =
                optionalOneOf(lessonDifficulties, event.target.value) ?? ("any" as const);
              setFilters((f) => ({ ...f, difficulty }));
            }}
          >
            <option value="any">Any difficulty</option>
            {lessonDifficulties.map((d) => (
              <option key={d} value={d}>
                {difficultyLabels[d]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Time"
            className="w-44"
            value={filters.maxMinutes === null ? "" : String(filters.maxMinutes)}
            onChange={(event) => {
              const value = Number(event.target.value);
              setFilters((f) => ({
                ...f,
                maxMinutes: event.target.value === "" || !Number.isFinite(value) ? null : value,
              }));
            }}
          >
            <option value="">Any length</option>
            {timeLimits.map((m) => (
              <option key={m} value={m}>
                Up to {minutesText(m)}
              </option>
            ))}
          </SelectField>
          {filtered && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => setFilters({ difficulty: "any", maxMinutes: null })}
            >
              Clear filters
            </Button>
          )}
        </div>
      )}
      {outline.modules.length === 0 || lessons.length === 0 ? (
        <EmptyState title="No lessons yet">
          {outline.canManage
            ? "Add modules and lessons to this course, then publish them."
            : "This course's lessons will be listed here once they are published."}
        </EmptyState>
      ) : (
        <ol className="space-y-4" aria-label="Modules">
          {outline.modules.map((module, index) => {
            const visible = module.lessons.filter(show);
            if (module.lessons.length > 0 && visible.length === 0) return null;
            return (
              <li key={module.id}>
                <Card title={`${index + 1}. ${module.title}`}>
                  {visible.length === 0 ? (
                    <p className="text-sm text-muted-foreground">No lessons in this module yet.</p>
                  ) : (
                    <ol className="divide-y divide-border" aria-label={`${module.title}: lessons`}>
                      {visible.map((lesson) => (
                        <LessonRow
                          key={lesson.id}
                          lesson={lesson}
                          params={lessonParams(lesson.id)}
                          resume={lesson.id === outline.resumeLessonId && !!outline.enrollment}
                        />
                      ))}
                    </ol>
                  )}
                </Card>
              </li>
            );
          })}
        </ol>
      )}
      {filtered && !lessons.some(show) && (
        <EmptyState title="No lessons match these filters">
          Choose another difficulty or length.
        </EmptyState>
      )}
    </div>
  );
}

/** A completed course's certificate: the PDF to download and the public page that verifies it. */
function CertificateCard({ courseId }: { courseId: string }) {
  const certificate = useCourseCertificate(courseId, true);
  if (certificate.isPending) return <LoadingState label="Loading your certificate…" />;
  if (certificate.isError)
    return <ErrorState error={certificate.error} onRetry={() => void certificate.refetch()} />;
  if (!certificate.data) return null;
  return (
    <Card title="Your certificate">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground">
          Issued to {certificate.data.recipientName} on {formatDate(certificate.data.issuedAt)}.
          Anyone with its link can check it.
        </p>
        <div className="flex flex-wrap gap-2">
          <a href={certificate.data.downloadPath} download className={buttonClass("primary")}>
            <Award aria-hidden="true" className="size-4" />
            Download certificate (PDF)
          </a>
          <a href={certificate.data.verifyPath} className={buttonClass("secondary")}>
            Verification page
          </a>
        </div>
      </div>
    </Card>
  );
}

function statusOf(lesson: LessonSummary) {
  if (lesson.progress?.status === "completed") return "completed" as const;
  if (lesson.locks.length > 0) return "locked" as const;
  if (lesson.progress) return "inProgress" as const;
  return "open" as const;
}

const statusLabels = {
  completed: "Completed",
  locked: "Locked",
  inProgress: "In progress",
  open: "Not started",
};

function LessonRow({
  lesson,
  params,
  resume,
}: {
  lesson: LessonSummary;
  params: { slug: string; spaceSlug: string; courseId: string; lessonId: string };
  resume: boolean;
}) {
  const status = statusOf(lesson);
  const Icon =
    status === "completed"
      ? CheckCircle2
      : status === "locked"
        ? Lock
        : status === "inProgress"
          ? CircleDot
          : Circle;
  const details = [
    difficultyLabels[lesson.difficulty],
    lesson.estimatedMinutes ? minutesText(lesson.estimatedMinutes) : null,
    lesson.xpReward > 0 ? `${lesson.xpReward} XP` : null,
    lesson.hasQuiz ? "Quiz" : null,
    lesson.progress?.score != null ? `Best score ${lesson.progress.score}%` : null,
    lesson.freePreview ? "Free preview" : null,
    lesson.status === "draft" ? "Draft" : null,
  ].filter((d): d is string => d !== null);
  return (
    <li className="flex items-start gap-3 py-3">
      <Icon
        aria-hidden="true"
        className={`mt-0.5 size-5 shrink-0 ${status === "completed" ? "text-success" : "text-muted-foreground"}`}
      />
      <div className="min-w-0 flex-1">
        <p className="font-medium text-foreground wrap-anywhere">
          {status === "locked" ? (
            <span>{lesson.title}</span>
          ) : (
            <Link
              to="/o/$slug/s/$spaceSlug/courses/$courseId/lessons/$lessonId"
              params={params}
              className="hover:underline focus-visible:underline"
            >
              {lesson.title}
            </Link>
          )}
          <span className="sr-only">, {statusLabels[status]}</span>
          {resume && (
            <span className="ml-2 rounded-full bg-accent px-2 py-0.5 text-xs font-medium text-accent-foreground">
              Up next
            </span>
          )}
        </p>
        {lesson.subtitle && (
          <p className="text-sm text-muted-foreground wrap-anywhere">{lesson.subtitle}</p>
        )}
        <p className="mt-0.5 text-xs text-muted-foreground">{details.join(" · ")}</p>
        {lesson.locks.length > 0 && (
          <p className="mt-1 text-xs font-medium text-warning">{locksInWords(lesson.locks)}</p>
        )}
      </div>
      <span aria-hidden="true" className="hidden shrink-0 text-xs text-muted-foreground sm:block">
        {statusLabels[status]}
      </span>
    </li>
  );
}
