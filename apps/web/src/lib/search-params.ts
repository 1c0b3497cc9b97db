import type { XpPeriod } from "@guild/db/enums";

// Route search validators (validateSearch) belong to the route tree, which every page loads before
// its first screen: they are plain functions here, not zod schemas, so zod (~24 kB gzipped) loads
// with the forms that use it instead of with the sign-in screen (bench: e2e bundle-budget test).
// Like the schemas they replace, a value of the wrong kind is dropped, never an error page: a
// bookmarked or hand-edited address still opens.

/** The router's parsed query string: values are JSON-decoded (`?mine=true` is a boolean). */
export type SearchInput = Record<string, unknown>;

export function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function optionalBoolean(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

export function optionalOneOf<const T extends string>(
  values: readonly T[],
  value: unknown,
): T | undefined {
  return values.find((v) => v === value);
}

/** A list of allowed values; one value not allowed drops the whole list. */
export function optionalListOf<const T extends string>(
  values: readonly T[],
  value: unknown,
): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list: T[] = [];
  for (const item of value) {
    const known = optionalOneOf(values, item);
    if (known === undefined) return undefined;
    list.push(known);
  }
  return list;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export type LeaderboardPeriod = XpPeriod;
// xpPeriods, written out: the route tree loads with the sign-in screen, which has no kilobyte to
// spare for the enums module (e2e bundle-budget). `satisfies` keeps it to the enum's values.
const leaderboardPeriods = [
  "daily",
  "weekly",
  "monthly",
  "all_time",
] as const satisfies readonly XpPeriod[];

/** The leaderboard's tab and how many periods back (0: the current one; all time has only 0). */
export interface LeaderboardSearch {
  period?: LeaderboardPeriod;
  offset?: number;
}

export function leaderboardSearch(search: SearchInput): LeaderboardSearch {
  const period = optionalOneOf(leaderboardPeriods, search.period);
  const offset =
    typeof search.offset === "number" &&
    Number.isInteger(search.offset) &&
    search.offset > 0 &&
    search.offset <= 1000 &&
    period !== "all_time"
      ? search.offset
      : undefined;
  return { ...(period ? { period } : {}), ...(offset ? { offset } : {}) };
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A calendar day "YYYY-MM-DD", or undefined (a mistyped day falls back to today). */
export function optionalDay(value: unknown): string | undefined {
  if (typeof value !== "string" || !DAY.test(value)) return undefined;
  const [year, month, day] = value.split("-").map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  return date.getUTCDate() === day ? value : undefined;
}

export const calendarViews = ["month", "week", "list"] as const;
export type CalendarView = (typeof calendarViews)[number];

/** The calendar's view and the day it shows (its month or week); today when absent. */
export interface CalendarSearch {
  view?: CalendarView;
  date?: string;
}

export function calendarSearch(search: SearchInput): CalendarSearch {
  const view = optionalOneOf(calendarViews, search.view);
  const date = optionalDay(search.date);
  return { ...(view ? { view } : {}), ...(date ? { date } : {}) };
}

/** An events space's list: upcoming or past events, and one tag. */
export interface EventSpaceSearch {
  past?: boolean;
  tag?: string;
}

const TAG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function eventSpaceSearch(search: SearchInput): EventSpaceSearch {
  const tag = typeof search.tag === "string" && TAG.test(search.tag) ? search.tag : undefined;
  return { ...(search.past === true ? { past: true } : {}), ...(tag ? { tag } : {}) };
}
