import type { RouterOutputs } from "@guild/api";
import { Link } from "@tanstack/react-router";
import { BookOpen, CheckCircle2, Lock } from "lucide-react";
import { useState } from "react";
import { Card } from "../../components/card.tsx";
import { SelectField } from "../../components/field.tsx";
import { ProgressBar } from "../../components/progress-bar.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { optionalOneOf } from "../../lib/search-params.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { type CourseSummary, useCourses } from "./use-learning.ts";

type Space = RouterOutputs["space"]["get"];

const progressFilters = {
  all: "All courses",
  notStarted: "Not enrolled",
  inProgress: "In progress",
  completed: "Completed",
} as const;
type ProgressFilter = keyof typeof progressFilters;
const progressFilterKeys = ["all", "notStarted", "inProgress", "completed"] as const;

function matches(course: CourseSummary, filter: ProgressFilter) {
  if (filter === "all") return true;
  if (filter === "notStarted") return !course.enrolled;
  if (filter === "completed") return course.enrolled && course.percentComplete === 100;
  return course.enrolled && course.percentComplete < 100;
}

const accessLabels: Record<CourseSummary["access"], string> = {
  free: "Free",
  tier: "Member tier",
  grant: "By invitation",
};

/**
 * A course space's page: its courses in order, each with the member's progress, filtered by
 * where the member stands. Authors see drafts too (course.list sends them only to them).
 */
export function CourseSpaceView({ space }: { space: Space }) {
  const courses = useCourses(space.id);
  const [filter, setFilter] = useState<ProgressFilter>("all");
  if (courses.isPending) return <LoadingState label="Loading courses…" />;
  if (courses.isError)
    return <ErrorState error={courses.error} onRetry={() => void courses.refetch()} />;
  const all = courses.data.courses;
  const shown = all.filter((c) => matches(c, filter));
  return (
    <section aria-label="Courses" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 className="text-lg font-semibold text-foreground">Courses</h2>
        {all.length > 0 && (
          <SelectField
            label="Show"
            className="w-48"
            value={filter}
            onChange={(event) => {
              const next = optionalOneOf(progressFilterKeys, event.target.value);
              if (next) setFilter(next);
            }}
          >
            {Object.entries(progressFilters).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {all.length === 0 ? (
        <EmptyState title="No courses yet">
          {courses.data.canManage
            ? "Create the first course of this space."
            : "Courses published here will be listed in this space."}
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title={`No courses: ${progressFilters[filter].toLowerCase()}`}>
          Choose another filter to see the other courses.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {shown.map((c) => (
            <li key={c.id}>
              <CourseCard course={c} spaceSlug={space.slug} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CourseCard({ course, spaceSlug }: { course: CourseSummary; spaceSlug: string }) {
  const organization = useCurrentOrganization();
  const done = course.enrolled && course.percentComplete === 100;
  return (
    <Card>
      <div className="flex h-full flex-col gap-3">
        <div className="flex items-start gap-3">
          <span
            aria-hidden="true"
            className="grid size-10 shrink-0 place-items-center rounded-md bg-accent text-accent-foreground"
          >
            {done ? <CheckCircle2 className="size-5" /> : <BookOpen className="size-5" />}
          </span>
          <div className="min-w-0 flex-1">
            <h3 className="text-base font-semibold text-foreground wrap-anywhere">
              <Link
                to="/o/$slug/s/$spaceSlug/courses/$courseId"
                params={{ slug: organization.slug, spaceSlug, courseId: course.id }}
                className="hover:underline focus-visible:underline"
              >
                {course.title}
              </Link>
            </h3>
            <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-muted-foreground">
              <span>
                {course.lessonCount} {course.lessonCount === 1 ? "lesson" : "lessons"}
              </span>
              <span aria-hidden="true">·</span>
              <span className="inline-flex items-center gap-1">
                {course.access !== "free" && <Lock aria-hidden="true" className="size-3" />}
                {course.access === "tier" && course.tiers.length > 0
                  ? `${course.tiers.map((t) => t.name).join(", ")} tier`
                  : accessLabels[course.access]}
              </span>
              {course.status === "draft" && (
                <>
                  <span aria-hidden="true">·</span>
                  <span className="font-medium text-warning">Draft</span>
                </>
              )}
            </p>
          </div>
        </div>
        {course.description && (
          <p className="line-clamp-3 text-sm text-muted-foreground wrap-anywhere">
            {course.description}
          </p>
        )}
        <div className="mt-auto">
          {course.enrolled ? (
            <div className="space-y-1">
              <div className="flex justify-between text-xs text-muted-foreground">
                <span>{done ? "Completed" : "In progress"}</span>
                <span className="tabular-nums">{course.percentComplete}%</span>
              </div>
              <ProgressBar label={`${course.title}: progress`} percent={course.percentComplete} />
            </div>
          ) : (
            <p className="text-xs text-muted-foreground">Not enrolled</p>
          )}
        </div>
      </div>
    </Card>
  );
}
