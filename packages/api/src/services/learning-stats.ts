// Learning statistics (issue 12 §4, seed 004's user_learning_stats and lesson_popularity): the
// learner dashboard (XP over time, a streak calendar, courses in progress) and the admins'
// per-lesson analytics (enrollments, completion rate, average score and time, drop-off between
// consecutive lessons). Read-only, computed by PostgreSQL from the tables the learning services
// write (xp_event, course_enrollment, lesson_progress), in the reader's tenant transaction: a
// course space the reader does not see hides its rows (row-level security) here as everywhere.
import {
  and,
  course,
  courseEnrollment,
  eq,
  isNull,
  learningXpKinds,
  lesson,
  lessonProgress,
  organization,
  space,
  sql,
  type TenantScope,
} from "@guild/db";
import type { z } from "zod";
import type { learnerDashboardInput, lessonAnalyticsInput } from "../schemas/learning-stats.ts";
import { percentOf } from "./course-learning.ts";
import { actingMember } from "./member.ts";
import { memberTimeZoneSql, streaksOf } from "./xp-streak.ts";

/** The streak calendar's span: 53 weeks, as a year's contribution grid. */
export const CALENDAR_DAYS = 371;

const literalList = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );

/**
 * learning.dashboard: the acting member's XP per day for the last `days` days (every day, 0 when
 * none) and their total before them, their learning days over the calendar's span with how many
 * learning events each had, their streaks, and the courses they are enrolled in and have not
 * finished. Days are the member's own (profile time zone, else the organization's).
 */
export async function learnerDashboard(
  scope: TenantScope,
  input: z.output<typeof learnerDashboardInput>,
) {
  const { memberId } = actingMember(scope);
  const now = scope.now().toISOString();
  const [zone] = await scope.db.execute<{ tz: string; today: string }>(sql`
    select z.tz, ((${now}::timestamptz at time zone z.tz)::date)::text as today
    from (select ${memberTimeZoneSql(sql`${memberId}::uuid`)} as tz
          from ${organization} where ${organization.id} = ${scope.organizationId}) z`);
  if (!zone) throw new Error("the organization of the scope is missing");
  const { tz, today } = zone;
  // Events from the local midnight that starts the window on: an index range on the member's
  // events (xp_event_org_member_occurred_idx), never their whole history.
  const xpRows = await scope.db.execute<{ day: string; xp: number }>(sql`
    with bounds as (
      select (${today}::date - ${input.days - 1}::int) as first_day
    ), daily as (
      select (e.occurred_at at time zone ${tz})::date as day, sum(e.amount)::int as xp
      from xp_event e, bounds
      where e.organization_id = ${scope.organizationId} and e.member_id = ${memberId}
        and e.occurred_at >= (bounds.first_day::timestamp at time zone ${tz})
      group by 1
    )
    select d::date::text as day, coalesce(daily.xp, 0)::int as xp
    from bounds, generate_series(bounds.first_day, ${today}::date, interval '1 day') d
    left join daily on daily.day = d::date
    order by d`);
  const firstDay = xpRows[0]?.day ?? today;
  const [before] = await scope.db.execute<{ xp: number }>(sql`
    select coalesce(sum(amount), 0)::int as xp from xp_event
    where organization_id = ${scope.organizationId} and member_id = ${memberId}
      and occurred_at < (${firstDay}::date::timestamp at time zone ${tz})`);
  const calendar = await scope.db.execute<{ day: string; events: number }>(sql`
    select ((e.occurred_at at time zone ${tz})::date)::text as day, count(*)::int as events
    from xp_event e
    where e.organization_id = ${scope.organizationId} and e.member_id = ${memberId}
      and e.kind in (${literalList(learningXpKinds)})
      and e.occurred_at >= ((${today}::date - ${CALENDAR_DAYS - 1}::int)::timestamp at time zone ${tz})
    group by 1 order by 1`);
  return {
    timeZone: tz,
    today,
    xpStart: before?.xp ?? 0,
    xpByDay: xpRows.map((row) => ({ day: row.day, xp: row.xp })),
    calendar: calendar.map((row) => ({ day: row.day, events: row.events })),
    streaks: await streaksOf(scope, memberId),
    coursesInProgress: await coursesInProgress(scope, memberId),
  };
}

/** The member's unfinished enrollments, last opened first, with their place in each. */
async function coursesInProgress(scope: TenantScope, memberId: string) {
  const rows = await scope.db
    .select({
      courseId: course.id,
      title: course.title,
      spaceSlug: space.slug,
      spaceName: space.name,
      lastLessonId: courseEnrollment.lastLessonId,
      lastOpenedAt: courseEnrollment.lastOpenedAt,
      enrolledAt: courseEnrollment.createdAt,
      lessons: sql<number>`(select count(*)::int from ${lesson} l
        where l.organization_id = ${course.organizationId} and l.course_id = ${course.id}
          and l.status = 'published')`,
      completed: sql<number>`(select count(*)::int from ${lessonProgress} p
        join ${lesson} l on l.organization_id = p.organization_id and l.id = p.lesson_id
        where p.organization_id = ${course.organizationId} and p.course_id = ${course.id}
          and p.member_id = ${memberId} and p.status = 'completed' and l.status = 'published')`,
    })
    .from(courseEnrollment)
    .innerJoin(
      course,
      and(
        eq(course.organizationId, courseEnrollment.organizationId),
        eq(course.id, courseEnrollment.courseId),
      ),
    )
    .innerJoin(
      space,
      and(eq(space.organizationId, course.organizationId), eq(space.id, course.spaceId)),
    )
    .where(
      and(
        eq(courseEnrollment.organizationId, scope.organizationId),
        eq(courseEnrollment.memberId, memberId),
        isNull(courseEnrollment.completedAt),
        eq(course.status, "published"),
      ),
    )
    .orderBy(
      sql`coalesce(${courseEnrollment.lastOpenedAt}, ${courseEnrollment.createdAt}) desc`,
      course.id,
    );
  return rows.map((row) => ({
    ...row,
    percentComplete: percentOf(row.completed, row.lessons),
  }));
}

export interface LessonStats {
  lessonId: string;
  title: string;
  courseId: string;
  courseTitle: string;
  moduleTitle: string;
  /** The lesson's place in its course (1 first), modules and lessons in order. */
  order: number;
  /** Members enrolled in the lesson's course. */
  enrollments: number;
  /** Members who opened the lesson. */
  started: number;
  completed: number;
  /** completed / enrollments, 0–1 (0 with no enrollments). */
  completionRate: number;
  /** The mean of learners' best quiz scores (0–100), null with no attempt. */
  averageScore: number | null;
  /** The mean time spent by those who opened it, in seconds (0 with none). */
  averageSeconds: number;
  /**
   * Of the members who completed the lesson before it in the course, the share who have not
   * completed this one, 0–1; null for a course's first lesson or when no one completed the one
   * before.
   */
  dropOff: number | null;
}

/**
 * learning.analytics: per published lesson (of one course, or all), in course order. Admins
 * only (the router): members' progress is theirs, their sums are the organization's.
 */
export async function lessonAnalytics(
  scope: TenantScope,
  input: z.output<typeof lessonAnalyticsInput>,
): Promise<{ courses: { id: string; title: string }[]; lessons: LessonStats[] }> {
  const org = scope.organizationId;
  const courseFilter = input.courseId ? sql`and c.id = ${input.courseId}` : sql``;
  const rows = await scope.db.execute<{
    lesson_id: string;
    title: string;
    course_id: string;
    course_title: string;
    module_title: string;
    order: number;
    enrollments: number;
    started: number;
    completed: number;
    average_score: string | null;
    average_seconds: string | null;
    previous_completed: number | null;
    dropped: number | null;
  }>(sql`
    with ordered as (
      select l.id, l.title, c.id as course_id, c.title as course_title, m.title as module_title,
             c.position as course_position,
             row_number() over (partition by c.id order by m.position, m.id, l.position, l.id)::int
               as "order",
             lag(l.id) over (partition by c.id order by m.position, m.id, l.position, l.id)
               as previous_id
      from lesson l
      join course c on c.organization_id = l.organization_id and c.id = l.course_id
      join course_module m on m.organization_id = l.organization_id and m.id = l.module_id
      where l.organization_id = ${org} and l.status = 'published' ${courseFilter}
    ), enrolled as (
      select e.course_id, count(*)::int as n from course_enrollment e
      where e.organization_id = ${org} and e.course_id in (select course_id from ordered)
      group by e.course_id
    ), progress as (
      select p.lesson_id, count(*)::int as started,
             (count(*) filter (where p.status = 'completed'))::int as completed,
             avg(p.score) filter (where p.score is not null) as average_score,
             avg(p.time_spent_seconds) as average_seconds
      from lesson_progress p
      where p.organization_id = ${org} and p.lesson_id in (select id from ordered)
      group by p.lesson_id
    ), drop_off as (
      select o.id, count(*)::int as previous_completed,
             (count(*) filter (where cur.id is null))::int as dropped
      from ordered o
      join lesson_progress prev on prev.organization_id = ${org}
        and prev.lesson_id = o.previous_id and prev.status = 'completed'
      left join lesson_progress cur on cur.organization_id = ${org} and cur.lesson_id = o.id
        and cur.member_id = prev.member_id and cur.status = 'completed'
      group by o.id
    )
    select o.id as lesson_id, o.title, o.course_id, o.course_title, o.module_title, o."order",
           coalesce(enrolled.n, 0) as enrollments, coalesce(progress.started, 0) as started,
           coalesce(progress.completed, 0) as completed,
           progress.average_score::text as average_score,
           progress.average_seconds::text as average_seconds,
           drop_off.previous_completed, drop_off.dropped
    from ordered o
    left join enrolled on enrolled.course_id = o.course_id
    left join progress on progress.lesson_id = o.id
    left join drop_off on drop_off.id = o.id
    order by o.course_position, o.course_id, o."order"`);
  // Every course for the filter, whichever one the lessons are of.
  const courses = await scope.db
    .select({ id: course.id, title: course.title })
    .from(course)
    .where(eq(course.organizationId, org))
    .orderBy(course.position, course.id);
  // Averages arrive as numeric text (exact); one decimal is what the tables show.
  const oneDecimal = (value: string | null) =>
    value === null ? null : Math.round(Number(value) * 10) / 10;
  return {
    courses,
    lessons: rows.map((row) => ({
      lessonId: row.lesson_id,
      title: row.title,
      courseId: row.course_id,
      courseTitle: row.course_title,
      moduleTitle: row.module_title,
      order: row.order,
      enrollments: row.enrollments,
      started: row.started,
      completed: row.completed,
      completionRate: row.enrollments === 0 ? 0 : row.completed / row.enrollments,
      averageScore: oneDecimal(row.average_score),
      averageSeconds: Math.round(Number(row.average_seconds ?? 0)),
      dropOff:
        row.previous_completed === null || row.previous_completed === 0
          ? null
          : (row.dropped ?? 0) / row.previous_completed,
    })),
  };
}
