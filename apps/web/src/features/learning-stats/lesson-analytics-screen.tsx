// Admin analytics (issue 12 §4, seed 004's lesson popularity and learning statistics): per
// lesson, in course order, enrollments, completion rate, average best score, average time and
// the drop-off from the lesson before, as a chart and a table sortable by any column.
import type { RouterOutputs } from "@guild/api";
import { lazy, Suspense, useMemo, useState } from "react";
import { Card, PageHeader } from "../../components/card.tsx";
import { type SortableColumn, SortableTable } from "../../components/sortable-table.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { useLessonAnalytics } from "./use-learning-stats.ts";

const BarChart = lazy(() => import("../../components/bar-chart.tsx"));

type Lesson = RouterOutputs["learning"]["analytics"]["lessons"][number];

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);
const duration = (seconds: number) =>
  seconds === 0 ? "—" : seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
const formatRate = (value: number) => `${Math.round(value * 100)}%`;

const columns: SortableColumn<Lesson>[] = [
  { key: "order", label: "#", value: (l) => l.order, show: (l) => String(l.order), numeric: true },
  {
    key: "title",
    label: "Lesson",
    value: (l) => l.title,
    show: (l) => (
      <>
        <span className="text-foreground">{l.title}</span>
        <span className="block text-xs text-muted-foreground">{l.moduleTitle}</span>
      </>
    ),
    rowHeader: true,
  },
  {
    key: "enrollments",
    label: "Enrollments",
    value: (l) => l.enrollments,
    show: (l) => String(l.enrollments),
    numeric: true,
  },
  {
    key: "completed",
    label: "Completed",
    value: (l) => l.completed,
    show: (l) => String(l.completed),
    numeric: true,
  },
  {
    key: "completionRate",
    label: "Completion rate",
    value: (l) => l.completionRate,
    show: (l) => percent(l.completionRate),
    numeric: true,
  },
  {
    key: "averageScore",
    label: "Average score",
    value: (l) => l.averageScore,
    show: (l) => (l.averageScore === null ? "—" : `${l.averageScore}`),
    numeric: true,
  },
  {
    key: "averageSeconds",
    label: "Average time",
    value: (l) => l.averageSeconds,
    show: (l) => duration(l.averageSeconds),
    numeric: true,
  },
  {
    key: "dropOff",
    label: "Drop-off",
    value: (l) => l.dropOff,
    show: (l) => percent(l.dropOff),
    numeric: true,
  },
];

export function LessonAnalyticsScreen() {
  const [courseId, setCourseId] = useState<string | undefined>(undefined);
  const analytics = useLessonAnalytics(courseId);
  const lessons = analytics.data?.lessons ?? [];
  const courses = analytics.data?.courses ?? [];
  const course = courseId ?? courses[0]?.id;
  // One course at a time in the chart and table: lessons in order are what drop-off compares.
  const shown = useMemo(() => lessons.filter((l) => l.courseId === course), [lessons, course]);
  const bars = useMemo(
    () => shown.map((l) => ({ label: `${l.order}. ${l.title}`, value: l.completionRate })),
    [shown],
  );
  return (
    <>
      <PageHeader
        title="Learning analytics"
        description="Per lesson: who enrolled, who completed, scores, time, and where learners stop."
      />
      {analytics.isPending ? (
        <LoadingState label="Loading the analytics…" />
      ) : analytics.error ? (
        <ErrorState error={analytics.error} onRetry={() => void analytics.refetch()} />
      ) : courses.length === 0 ? (
        <EmptyState title="No courses yet">
          Lessons' figures appear here once a course space has courses.
        </EmptyState>
      ) : (
        <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
          <label className="flex flex-wrap items-center gap-2 text-sm text-foreground">
            <span>Course</span>
            <select
              className="select-chevron rounded-md border-0 bg-surface py-1.5 pr-8 pl-2 text-sm ring-1 ring-input ring-inset"
              value={course}
              onChange={(event) => setCourseId(event.target.value)}
            >
              {courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>
          <Card
            title="Completion rate by lesson"
            description="Completed over enrolled, in course order."
          >
            {shown.length === 0 ? (
              <p className="text-sm text-muted-foreground">This course has no published lessons.</p>
            ) : (
              <Suspense fallback={<div className="h-52" />}>
                <BarChart name="completion" bars={bars} format={formatRate} max={1} />
              </Suspense>
            )}
          </Card>
          <Card title="Lessons">
            <SortableTable
              rows={shown}
              columns={columns}
              rowKey={(l) => l.lessonId}
              caption="Lessons of the course with their figures"
              initialSort="order"
            />
          </Card>
        </div>
      )}
    </>
  );
}
