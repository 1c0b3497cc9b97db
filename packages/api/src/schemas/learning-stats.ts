// Learning statistics (issue 12 §4): the learner dashboard's window and the admin analytics'
// course filter.
import { z } from "zod";
import { idSchema } from "./common.ts";

/** The longest XP history the dashboard charts, in days. */
export const DASHBOARD_DAYS_MAX = 366;

export const learnerDashboardInput = z
  .object({
    /** Days of XP to chart, ending today (the member's time zone). */
    days: z.number().int().min(7).max(DASHBOARD_DAYS_MAX).default(90),
  })
  .default({ days: 90 });

export const lessonAnalyticsInput = z
  .object({
    /** One course's lessons; left out: every course's. */
    courseId: idSchema.optional(),
  })
  .default({});
