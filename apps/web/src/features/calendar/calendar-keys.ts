import { addDays, addMonths, type DayKey, startOfWeek, type Weekday } from "./zoned-time.ts";

/**
 * The day a key moves a calendar's focus to (the APG date grid's keys): arrows by a day or a
 * week, Home and End to the week's ends, Page Up and Page Down by a month. Null: not ours.
 */
export function dayAfterKey(key: string, day: DayKey, weekStartsOn: Weekday): DayKey | null {
  switch (key) {
    case "ArrowLeft":
      return addDays(day, -1);
    case "ArrowRight":
      return addDays(day, 1);
    case "ArrowUp":
      return addDays(day, -7);
    case "ArrowDown":
      return addDays(day, 7);
    case "Home":
      return startOfWeek(day, weekStartsOn);
    case "End":
      return addDays(startOfWeek(day, weekStartsOn), 6);
    case "PageUp":
      return addMonths(day, -1);
    case "PageDown":
      return addMonths(day, 1);
    default:
      return null;
  }
}
