import { z } from "zod";

/** The periods the dashboard offers, newest leads first. */
export const dashboardPeriods = {
  "30d": { label: "Last 30 days", days: 30 },
  "90d": { label: "Last 90 days", days: 90 },
  "12m": { label: "Last 12 months", days: 365 },
  all: { label: "All time", days: null },
} as const;
export type DashboardPeriod = keyof typeof dashboardPeriods;

/** `/o/$slug?period=90d&mine=true`: the dashboard's view, bookmarkable. Bad values are dropped. */
export const dashboardSearch = z.object({
  period: z.enum(["30d", "90d", "12m", "all"]).optional().catch(undefined),
  mine: z.boolean().optional().catch(undefined),
});
export type DashboardSearch = z.infer<typeof dashboardSearch>;

const DAY_MS = 86_400_000;

/**
 * The period's start: midnight UTC, `days` ago. Whole days, so the query (its key holds the date)
 * stays the same all day instead of changing at every render.
 */
export function periodStart(period: DashboardPeriod, now = Date.now()): Date | null {
  const { days } = dashboardPeriods[period];
  if (days === null) return null;
  return new Date(Math.floor(now / DAY_MS) * DAY_MS - days * DAY_MS);
}
