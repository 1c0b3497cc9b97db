import { allTimeSalesReportInput } from "@guild/api/schemas/dashboard-inputs";
import { optionalBoolean, optionalOneOf, type SearchInput } from "../../lib/search-params.ts";

/** The periods the dashboard offers, newest leads first. */
export const dashboardPeriods = {
  "30d": { label: "Last 30 days", days: 30 },
  "90d": { label: "Last 90 days", days: 90 },
  "12m": { label: "Last 12 months", days: 365 },
  all: { label: "All time", days: null },
} as const;
export type DashboardPeriod = keyof typeof dashboardPeriods;

export const dashboardPeriodValues = [
  "30d",
  "90d",
  "12m",
  "all",
] as const satisfies readonly DashboardPeriod[];

export interface DashboardSearch {
  period?: DashboardPeriod | undefined;
  mine?: boolean | undefined;
}

/** `/o/$slug?period=90d&mine=true`: the dashboard's view, bookmarkable. Bad values are dropped. */
export function dashboardSearch(search: SearchInput): DashboardSearch {
  return {
    period: optionalOneOf(dashboardPeriodValues, search.period),
    mine: optionalBoolean(search.mine),
  };
}

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

/**
 * What the dashboard asks lead.salesReport for, from its search: the screen and the route's
 * prefetch build it here, so they share one cache entry.
 */
export function salesReportInput(search: DashboardSearch) {
  const period = search.period ?? "all";
  const mine = search.mine ?? false;
  // The default view: the very input the shell's first answers name (first-load.ts).
  if (period === "all" && !mine) return allTimeSalesReportInput;
  return { from: periodStart(period), mine };
}

// The dashboard's latest leads (lead.list), for the screen, the route's prefetch and the shell's
// first answers.
export { recentLeadsInput } from "@guild/api/schemas/dashboard-inputs";
