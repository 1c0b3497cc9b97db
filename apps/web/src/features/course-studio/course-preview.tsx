import { hasRole } from "@guild/db/enums";
import { useQuery } from "@tanstack/react-query";
import { Lock, LockOpen } from "lucide-react";
import { ButtonLink } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { EmptyState, ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { isNotFound } from "../../lib/errors.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { locksInWords } from "../learning/lock-words.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { difficultyLabels } from "./course-labels.ts";

/**
 * The course as a member who just enrolled would see it (course.outline with asMember): only
 * published lessons, at level 1, with each lock as it would stand (prerequisites, levels, drip).
 * For authors checking their course before and after publishing it.
 */
export function CoursePreviewScreen({
  spaceSlug,
  courseId,
}: {
  spaceSlug: string;
  courseId: string;
}) {
  const { slug, membership } = useCurrentOrganization();
  const trpc = useOrgTRPC();
  const outline = useQuery(trpc.course.outline.queryOptions({ id: courseId, asMember: true }));
  const notFound = (
    <NotFound
      title="Course not found"
      description="There is no course at this address that you can edit."
    />
  );
  if (!hasRole(membership.role, "moderator")) return notFound;
  if (outline.isPending) return <LoadingState label="Loading the preview…" />;
  if (outline.isError)
    return isNotFound(outline.error) ? (
      notFound
    ) : (
      <ErrorState error={outline.error} onRetry={() => void outline.refetch()} />
    );
  const { course, modules } = outline.data;
  const withLessons = modules.filter((m) => m.lessons.length > 0);
  return (
    <div className="space-y-6">
      <PageHeader
        title={course.title}
        description={`Preview as a member who just enrolled, at level 1${course.status === "draft" ? ". The course is a draft: members do not see it yet" : ""}.`}
        actions={
          <ButtonLink
            variant="secondary"
            to="/o/$slug/s/$spaceSlug/courses/$courseId/edit"
            params={{ slug, spaceSlug, courseId }}
          >
            Back to the editor
          </ButtonLink>
        }
      />
      {course.description && (
        <p className="max-w-prose text-sm whitespace-pre-line text-foreground">
          {course.description}
        </p>
      )}
      {withLessons.length === 0 ? (
        <EmptyState title="Nothing to see yet">
          Members see published lessons only: publish a lesson to see it here.
        </EmptyState>
      ) : (
        withLessons.map((module) => (
          <Card key={module.id} title={module.title}>
            <ol aria-label={`Lessons in ${module.title}`} className="divide-y divide-border">
              {module.lessons.map((lesson) => (
                <li key={lesson.id} className="flex items-start gap-3 py-2 text-sm">
                  {lesson.locks.length > 0 ? (
                    <Lock
                      aria-hidden="true"
                      className="mt-0.5 size-4 shrink-0 text-muted-foreground"
                    />
                  ) : (
                    <LockOpen aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
                  )}
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium wrap-anywhere text-foreground">
                      {lesson.title}
                    </span>
                    {lesson.subtitle && (
                      <span className="block text-muted-foreground">{lesson.subtitle}</span>
                    )}
                    <span className="block text-xs text-muted-foreground">
                      {[
                        difficultyLabels[lesson.difficulty],
                        lesson.estimatedMinutes ? `${lesson.estimatedMinutes} min` : null,
                        lesson.xpReward > 0 ? `${lesson.xpReward} XP` : null,
                        lesson.hasQuiz ? "Quiz" : null,
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </span>
                  </span>
                  <span className="shrink-0 text-right text-xs text-muted-foreground">
                    {lesson.locks.length > 0 ? `Locked: ${locksInWords(lesson.locks)}` : "Open"}
                  </span>
                </li>
              ))}
            </ol>
          </Card>
        ))
      )}
    </div>
  );
}
