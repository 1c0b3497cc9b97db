import {
  type DayKey,
  instantOf,
  parseDayKey,
  parseWallTimeInput,
  wallTimeAt,
  wallTimeInputValue,
} from "../calendar/zoned-time.ts";

/**
 * A post dragged to another day keeps its time of day on the member's clock: 9:30 on Tuesday
 * moved to Friday is 9:30 on Friday in their zone, whatever DST did in between (instantOf).
 */
export function sameTimeOnDay(instant: Date, day: DayKey, timeZone: string): Date {
  const wall = wallTimeAt(instant, timeZone);
  const target = parseDayKey(day);
  if (!target) throw new RangeError(`Not a day: ${day}`);
  return instantOf({ ...wall, ...target }, timeZone);
}

/** The schedule dialog's first proposal: the next whole hour after `now`, in the member's zone. */
export function nextWholeHour(now: Date, timeZone: string): string {
  const inAnHour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
  return wallTimeInputValue(wallTimeAt(inAnHour, timeZone));
}

/** A datetime-local value, read on the member's clock, as an instant (null: not a time). */
export function instantOfInput(value: string, timeZone: string): Date | null {
  const wall = parseWallTimeInput(value);
  return wall ? instantOf(wall, timeZone) : null;
}

/** An instant as a datetime-local value on the member's clock. */
export function inputOfInstant(instant: Date, timeZone: string): string {
  return wallTimeInputValue(wallTimeAt(instant, timeZone));
}
