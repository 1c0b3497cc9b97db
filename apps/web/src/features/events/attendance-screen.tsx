// A live session's attendance and feedback for its hosts (issue 13 §2): who was going, attended
// and missed, the attendance rate, the average rating with its distribution as a chart, and one
// row per person (joined, left, minutes, rating, comment) in a table sortable by any column.
import type { RouterOutputs } from "@guild/api";
import { Link } from "@tanstack/react-router";
import { lazy, Suspense, useMemo } from "react";
import { Card, PageHeader } from "../../components/card.tsx";
import { type SortableColumn, SortableTable } from "../../components/sortable-table.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useSessionStats } from "./use-live-session.ts";

const BarChart = lazy(() => import("../../components/bar-chart.tsx"));

type Stats = RouterOutputs["liveSession"]["stats"];
type Attendee = Stats["attendees"][number];

const attendanceWords = { attended: "Attended", missed: "Missed" } as const;
const rsvpWords = {
  going: "Going",
  maybe: "Maybe",
  not_going: "Not going",
  waitlisted: "Waitlisted",
} as const;

const time = (value: Date | null) => (value ? formatDateTime(value) : "—");

const columns: SortableColumn<Attendee>[] = [
  { key: "name", label: "Name", value: (a) => a.name, show: (a) => a.name, rowHeader: true },
  {
    key: "attendance",
    label: "Attendance",
    value: (a) => (a.attendance ? attendanceWords[a.attendance] : rsvpWords[a.rsvpStatus]),
    show: (a) => (a.attendance ? attendanceWords[a.attendance] : rsvpWords[a.rsvpStatus]),
  },
  {
    key: "joinedAt",
    label: "Joined",
    value: (a) => a.joinedAt?.getTime() ?? null,
    show: (a) => time(a.joinedAt),
  },
  {
    key: "leftAt",
    label: "Left",
    value: (a) => a.leftAt?.getTime() ?? null,
    show: (a) => time(a.leftAt),
  },
  {
    key: "minutes",
    label: "Minutes",
    value: (a) => a.minutes,
    show: (a) => (a.minutes === null ? "—" : String(a.minutes)),
    numeric: true,
  },
  {
    key: "rating",
    label: "Rating",
    value: (a) => a.rating,
    show: (a) => (a.rating === null ? "—" : `${a.rating} / 5`),
    numeric: true,
  },
  {
    key: "comment",
    label: "Comment",
    value: (a) => a.comment,
    show: (a) => a.comment ?? "—",
    className: "max-w-xs wrap-anywhere",
  },
];

const formatCount = (value: number) => String(Math.round(value));

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-border bg-surface px-4 py-3 shadow-sm">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-foreground tabular-nums">{value}</dd>
    </div>
  );
}

export function AttendanceScreen({
  slug,
  spaceSlug,
  eventId,
}: {
  slug: string;
  spaceSlug: string;
  eventId: string;
}) {
  const stats = useSessionStats(eventId);
  const distribution = stats.data?.ratingDistribution;
  const bars = useMemo(
    () =>
      (distribution ?? []).map((d) => ({
        label: `${d.rating} ${d.rating === 1 ? "star" : "stars"}`,
        value: d.count,
      })),
    [distribution],
  );
  const back = (
    <Link
      to="/o/$slug/s/$spaceSlug/events/$eventId"
      params={{ slug, spaceSlug, eventId }}
      className="text-sm font-medium text-accent-foreground underline-offset-2 hover:underline"
    >
      Back to the event
    </Link>
  );
  if (stats.isPending) return <LoadingState label="Loading the attendance…" />;
  if (stats.error)
    return (
      <>
        <PageHeader title="Attendance" actions={back} />
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      </>
    );
  const data = stats.data;
  const rate = data.attendanceRate === null ? "—" : `${Math.round(data.attendanceRate * 100)}%`;
  return (
    <>
      <PageHeader
        title={`Attendance: ${data.title}`}
        description={`${formatDateTime(data.startsAt)} – ${formatDateTime(data.endsAt)}`}
        actions={back}
      />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          <Figure label="Going" value={String(data.going)} />
          <Figure label="Attended" value={String(data.attended)} />
          <Figure label="Missed" value={String(data.missed)} />
          <Figure label="Attendance rate" value={rate} />
          <Figure
            label="Average rating"
            value={data.averageRating === null ? "—" : `${data.averageRating} / 5`}
          />
        </dl>
        <Card
          title="Ratings"
          description={
            data.feedbackCount === 0
              ? "No feedback yet: attendees rate the session once it has ended."
              : `${data.feedbackCount} ${data.feedbackCount === 1 ? "rating" : "ratings"}, from 1 to 5.`
          }
        >
          <Suspense fallback={<div className="h-52" />}>
            <BarChart name="ratings" bars={bars} format={formatCount} />
          </Suspense>
          <ul className="sr-only">
            {data.ratingDistribution.map((d) => (
              <li key={d.rating}>
                {d.rating} out of 5: {d.count}
              </li>
            ))}
          </ul>
        </Card>
        <Card title="People">
          {data.attendees.length === 0 ? (
            <EmptyState title="Nobody yet">
              People going to the session appear here, with their attendance and feedback.
            </EmptyState>
          ) : (
            <SortableTable
              rows={data.attendees}
              columns={columns}
              rowKey={(a) => a.memberId}
              caption="People going to the session with their attendance and feedback"
              initialSort="name"
              minWidth="min-w-[48rem]"
            />
          )}
        </Card>
      </div>
    </>
  );
}
