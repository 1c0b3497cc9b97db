// The learner dashboard (issue 12 §4): XP over the last 30 days (a chart, and the same figures
// in words), the streak calendar, and the courses in progress with where to pick them up.
import { Link } from "@tanstack/react-router";
import { lazy, Suspense, useMemo } from "react";
import { Card, PageHeader } from "../../components/card.tsx";
import { ProgressBar } from "../../components/progress-bar.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { StreakCalendar } from "./streak-calendar.tsx";
import { useLearnerDashboard } from "./use-learning-stats.ts";

const BarChart = lazy(() => import("../../components/bar-chart.tsx"));

const shortDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
const formatXp = (value: number) => `${Math.round(value).toLocaleString()}`;

export function LearnerDashboard() {
  const { slug } = useCurrentOrganization();
  const dashboard = useLearnerDashboard();
  const data = dashboard.data;
  const bars = useMemo(
    () => (data?.xpByDay ?? []).map((d) => ({ label: shortDay(d.day), value: d.xp })),
    [data],
  );
  if (dashboard.isPending) return <LoadingState label="Loading your learning…" />;
  if (dashboard.error || !data)
    return <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const earned = data.xpByDay.reduce((sum, d) => sum + d.xp, 0);
  const total = data.xpStart + earned;
  const best = data.xpByDay.reduce((top, d) => (d.xp > top.xp ? d : top), { day: "", xp: 0 });
  return (
    <>
      <PageHeader
        title="Your learning"
        description={`Days in your time zone (${data.timeZone}).`}
        actions={
          <Link
            to="/o/$slug/certificates"
            params={{ slug }}
            className="text-sm font-medium text-accent-foreground underline underline-offset-4"
          >
            Your certificates
          </Link>
        }
      />
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          ["Total XP", formatXp(total)],
          ["XP in 30 days", formatXp(earned)],
          [
            "Current streak",
            `${data.streaks.current} ${data.streaks.current === 1 ? "day" : "days"}`,
          ],
          [
            "Longest streak",
            `${data.streaks.longest} ${data.streaks.longest === 1 ? "day" : "days"}`,
          ],
        ].map(([label, value]) => (
          <div
            key={label}
            className="rounded-lg border border-border bg-surface px-4 py-3 shadow-sm"
          >
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="text-xl font-semibold text-foreground">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
        <Card title="XP over time" description="XP earned each day, the last 30 days.">
          <Suspense fallback={<div className="h-52" />}>
            <BarChart name="xp" bars={bars} format={formatXp} />
          </Suspense>
          <p className="mt-2 text-sm text-muted-foreground">
            {earned === 0
              ? "No XP in the last 30 days."
              : `${formatXp(earned)} XP in 30 days; the best day was ${shortDay(best.day)} with ${formatXp(best.xp)}.`}
          </p>
        </Card>
        <Card
          title="Streak calendar"
          description="Days you learned: lessons, quizzes and sessions."
        >
          <StreakCalendar today={data.today} calendar={data.calendar} />
        </Card>
        <Card title="Courses in progress">
          {data.coursesInProgress.length === 0 ? (
            <EmptyState title="No course in progress">
              Enroll in a course from a course space to see it here.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-border">
              {data.coursesInProgress.map((course) => (
                <li
                  key={course.courseId}
                  className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center"
                >
                  <div className="min-w-0 flex-1">
                    <p className="font-medium wrap-anywhere text-foreground">{course.title}</p>
                    <p className="text-sm text-muted-foreground">
                      {course.completed} of {course.lessons} lessons · {course.percentComplete}%
                    </p>
                    <ProgressBar
                      label={`${course.title}: ${course.percentComplete}% complete`}
                      percent={course.percentComplete}
                      className="mt-1 h-1.5 w-full max-w-xs"
                    />
                  </div>
                  <Link
                    to="/o/$slug/s/$spaceSlug/courses/$courseId"
                    params={{ slug, spaceSlug: course.spaceSlug, courseId: course.courseId }}
                    className="text-sm font-medium text-accent-foreground underline-offset-4 hover:underline"
                  >
                    Continue<span className="sr-only"> {course.title}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
