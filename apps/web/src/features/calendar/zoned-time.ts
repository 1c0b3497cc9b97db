// Wall times and calendar days in a named time zone, with the platform's Intl only (no date
// library in the app, and Temporal is not in every browser we support). Events are instants on
// the wire (superjson Dates); the calendar and the forms think in days ("2026-12-08") and wall
// times of one zone: the member's, or the event's own.

/** A calendar day, "YYYY-MM-DD" (ISO), with no zone: a square of the month grid. */
export type DayKey = string;

/** ISO weekday: 1 Monday … 7 Sunday (the organization's weekStartsOn uses the same numbers). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One Intl.DateTimeFormat per locale-free option set (building one is slow; they are reused). */
export function cachedFormat(options: Intl.DateTimeFormatOptions, locale?: string) {
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  return cachedFormat(
    {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    },
    "en-US",
  );
}

/** Whether the platform knows this IANA zone (a profile or an event may name any string). */
export function isTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time an instant shows in a zone (seconds dropped). */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant))
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
}

const wallAsUtc = (wall: WallTime) =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);

/** The zone's offset from UTC at an instant, in minutes (Paris in winter: 60). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const whole = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
  return (wallAsUtc(wallTimeAt(whole, timeZone)) - whole.getTime()) / 60_000;
}

/**
 * The instant a wall time names in a zone. Around a DST change it behaves like Temporal's
 * "compatible": a time the clocks skipped (02:30 on a spring-forward night) is read with the
 * offset from before the change (so 03:30), and a time that happened twice is the first one.
 */
export function instantOf(wall: WallTime, timeZone: string): Date {
  const guess = wallAsUtc(wall);
  const before = offsetMinutes(new Date(guess - 86_400_000), timeZone);
  const after = offsetMinutes(new Date(guess + 86_400_000), timeZone);
  const matches = (offset: number) => {
    const instant = new Date(guess - offset * 60_000);
    return wallAsUtc(wallTimeAt(instant, timeZone)) === guess ? instant : null;
  };
  const candidates = [matches(before), matches(after)].filter((d): d is Date => d !== null);
  if (candidates.length > 0) return new Date(Math.min(...candidates.map((d) => d.getTime())));
  return new Date(guess - before * 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function dayKeyOf(wall: Pick<WallTime, "year" | "month" | "day">): DayKey {
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** The day an instant falls on in a zone. */
export function dayKeyAt(instant: Date, timeZone: string): DayKey {
  return dayKeyOf(wallTimeAt(instant, timeZone));
}

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day key's parts, or null for anything that is not a real day ("2026-02-30"). */
export function parseDayKey(key: string): { year: number; month: number; day: number } | null {
  const match = DAY_KEY.exec(key);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
  return { year, month, day };
}

function utcDateOf(key: DayKey): Date {
  const parts = parseDayKey(key);
  if (!parts) throw new RangeError(`Not a day: ${key}`);
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
}

const utcDayKey = (date: Date) =>
  dayKeyOf({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });

export function addDays(key: DayKey, days: number): DayKey {
  const date = utcDateOf(key);
  date.setUTCDate(date.getUTCDate() + days);
  return utcDayKey(date);
}

/** The same day of the month `months` later, kept inside the month (Jan 31 + 1 → Feb 28). */
export function addMonths(key: DayKey, months: number): DayKey {
  const { year, month, day } = parseDayKey(key) ?? { year: 1970, month: 1, day: 1 };
  const index = year * 12 + (month - 1) + months;
  const nextYear = Math.floor(index / 12);
  const nextMonth = (index % 12) + 1;
  const last = new Date(Date.UTC(nextYear, nextMonth, 0)).getUTCDate();
  return dayKeyOf({ year: nextYear, month: nextMonth, day: Math.min(day, last) });
}

export function weekdayOf(key: DayKey): Weekday {
  const sundayZero = utcDateOf(key).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as Weekday;
}

/** The first day of the week holding `key`, for weeks that start on `weekStartsOn`. */
export function startOfWeek(key: DayKey, weekStartsOn: Weekday): DayKey {
  return addDays(key, -((weekdayOf(key) - weekStartsOn + 7) % 7));
}

export function startOfMonth(key: DayKey): DayKey {
  return `${key.slice(0, 8)}01`;
}

export function sameMonth(a: DayKey, b: DayKey): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

/** The month grid around `key`'s month: whole weeks, from the week of the 1st to that of the last. */
export function monthGrid(key: DayKey, weekStartsOn: Weekday): DayKey[][] {
  const first = startOfMonth(key);
  const last = addDays(addMonths(first, 1), -1);
  const weeks: DayKey[][] = [];
  for (let day = startOfWeek(first, weekStartsOn); day <= last; day = addDays(day, 7))
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
  return weeks;
}

export function weekDays(key: DayKey, weekStartsOn: Weekday): DayKey[] {
  const first = startOfWeek(key, weekStartsOn);
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

/** Midnight starting a day in a zone (the instant a calendar's range starts or ends at). */
export function startOfDayIn(key: DayKey, timeZone: string): Date {
  const parts = parseDayKey(key) ?? { year: 1970, month: 1, day: 1 };
  return instantOf({ ...parts, hour: 0, minute: 0 }, timeZone);
}

/**
 * The days an event covers in a zone: its start's day through the day it ends on (an end at
 * midnight ends the day before), so a late event shows on each evening it spans.
 */
export function daysCovered(startsAt: Date, endsAt: Date, timeZone: string): DayKey[] {
  const first = dayKeyAt(startsAt, timeZone);
  const lastInstant = new Date(Math.max(startsAt.getTime(), endsAt.getTime() - 1));
  const last = dayKeyAt(lastInstant, timeZone);
  const days: DayKey[] = [];
  for (let day = first; day <= last && days.length < 62; day = addDays(day, 1)) days.push(day);
  return days;
}

/** A day key as the value of an <input type="datetime-local">'s date part is written. */
export function wallTimeInputValue(wall: WallTime): string {
  return `${dayKeyOf(wall)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** An <input type="datetime-local"> value ("2026-12-08T18:30") as a wall time, or null. */
export function parseWallTimeInput(value: string): WallTime | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
  if (!match?.[1]) return null;
  const day = parseDayKey(match[1]);
  const [hour, minute] = [Number(match[2]), Number(match[3])];
  if (!day || hour > 23 || minute > 59) return null;
  return { ...day, hour, minute };
}

/** The browser's own zone (what the member's device says), UTC if it says nothing usable. */
export function deviceTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : "UTC";
}

/** Formats a day key in words, e.g. "Tuesday, December 8" (no zone involved: it is a day). */
export function formatDay(key: DayKey, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone: "UTC" }).format(utcDateOf(key));
}

/** Short zone name at an instant, e.g. "CET", "GMT+1", "EST". */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat(undefined, { timeZone, timeZoneName: "short" })
    .formatToParts(instant)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** A zone's name as people read it: "America/New_York" → "America/New York". */
export function zoneLabel(timeZone: string): string {
  return timeZone.replaceAll("_", " ");
}
