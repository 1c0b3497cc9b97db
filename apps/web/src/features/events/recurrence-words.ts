// A series' rule in words ("Every Tuesday", "Monthly on the last Friday, 6 times"), from the
// structured recurrence the API gives back (event.get's series.recurrence) and the series' first
// start as a wall time in its zone. It says what the server's buildRrule writes: a weekly rule
// always includes the start's weekday; a monthly one repeats the start's day of the month, or
// its weekday of the month (the 5th one is "the last").
import { formatDay, parseDayKey } from "../calendar/zoned-time.ts";

export type WeekdayCode = "MO" | "TU" | "WE" | "TH" | "FR" | "SA" | "SU";
export const weekdayCodes: readonly WeekdayCode[] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

export interface Recurrence {
  frequency: "weekly" | "monthly";
  interval: number;
  weekdays: readonly WeekdayCode[];
  monthlyBy: "day" | "weekday";
  count: number | null;
  until: string | null;
}

const weekdayNames: Record<WeekdayCode, string> = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
};

export function weekdayName(code: WeekdayCode): string {
  return weekdayNames[code];
}

/** The weekday of a wall time "YYYY-MM-DDTHH:mm" (or a day key). */
export function weekdayCodeOf(local: string): WeekdayCode {
  const day = new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return weekdayCodes[(day + 6) % 7] ?? "MO";
}

const ordinals = ["first", "second", "third", "fourth", "last"];

function dayOrdinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${["th", "st", "nd", "rd"][day % 10] ?? "th"}`;
}

function list(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** "the second Tuesday" of the month a wall time falls in. */
export function weekdayOfMonthWords(startLocal: string): string {
  const day = Number(startLocal.slice(8, 10));
  const nth = Math.ceil(day / 7);
  return `the ${ordinals[nth - 1] ?? "last"} ${weekdayName(weekdayCodeOf(startLocal))}`;
}

export function recurrenceWords(recurrence: Recurrence, startLocal: string): string {
  const every = recurrence.interval;
  let rule: string;
  if (recurrence.frequency === "weekly") {
    const days = new Set<WeekdayCode>([...recurrence.weekdays, weekdayCodeOf(startLocal)]);
    const names = list(weekdayCodes.filter((d) => days.has(d)).map(weekdayName));
    rule = every === 1 ? `Every ${names}` : `Every ${every} weeks on ${names}`;
  } else {
    const on =
      recurrence.monthlyBy === "weekday"
        ? weekdayOfMonthWords(startLocal)
        : `the ${dayOrdinal(Number(startLocal.slice(8, 10)))}`;
    rule = every === 1 ? `Monthly on ${on}` : `Every ${every} months on ${on}`;
  }
  if (recurrence.count !== null) return `${rule}, ${recurrence.count} times`;
  if (recurrence.until !== null && parseDayKey(recurrence.until))
    return `${rule}, until ${formatDay(recurrence.until, { dateStyle: "medium" })}`;
  return rule;
}
