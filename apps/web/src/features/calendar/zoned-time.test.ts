import { describe, expect, it } from "vitest";
import {
  addMonths,
  dayKeyAt,
  daysCovered,
  instantOf,
  monthGrid,
  parseDayKey,
  parseWallTimeInput,
  startOfDayIn,
  startOfWeek,
  wallTimeAt,
  weekDays,
} from "./zoned-time.ts";

describe("wall times in a zone", () => {
  it("reads an instant as the zone's clock shows it, across the DST change", () => {
    expect(wallTimeAt(new Date("2026-12-08T17:30:00Z"), "Europe/Paris")).toEqual({
      year: 2026,
      month: 12,
      day: 8,
      hour: 18,
      minute: 30,
    });
    expect(wallTimeAt(new Date("2026-07-08T17:30:00Z"), "Europe/Paris").hour).toBe(19);
  });

  it("turns a wall time back into its instant, in winter and in summer", () => {
    const wall = { year: 2026, month: 12, day: 8, hour: 18, minute: 30 };
    expect(instantOf(wall, "Europe/Paris").toISOString()).toBe("2026-12-08T17:30:00.000Z");
    expect(instantOf({ ...wall, month: 7 }, "Europe/Paris").toISOString()).toBe(
      "2026-07-08T16:30:00.000Z",
    );
    expect(instantOf(wall, "America/New_York").toISOString()).toBe("2026-12-08T23:30:00.000Z");
  });

  it("moves a skipped time forward and takes the first of a repeated one", () => {
    // Paris springs forward on 2026-03-29 at 02:00 → 03:00.
    const skipped = { year: 2026, month: 3, day: 29, hour: 2, minute: 30 };
    expect(instantOf(skipped, "Europe/Paris").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    // …and falls back on 2026-10-25 at 03:00 → 02:00: 02:30 happens twice.
    const twice = { year: 2026, month: 10, day: 25, hour: 2, minute: 30 };
    expect(instantOf(twice, "Europe/Paris").toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("puts an instant on the day of the zone", () => {
    const lateInNewYork = new Date("2026-12-09T03:00:00Z");
    expect(dayKeyAt(lateInNewYork, "America/New_York")).toBe("2026-12-08");
    expect(dayKeyAt(lateInNewYork, "Asia/Tokyo")).toBe("2026-12-09");
    expect(startOfDayIn("2026-12-08", "Asia/Tokyo").toISOString()).toBe("2026-12-07T15:00:00.000Z");
  });
});

describe("calendar days", () => {
  it("builds whole weeks for a month, from the organization's first day of the week", () => {
    const mondays = monthGrid("2026-12-15", 1);
    expect(mondays[0]?.[0]).toBe("2026-11-30");
    expect(mondays.at(-1)?.at(-1)).toBe("2027-01-03");
    expect(mondays.every((week) => week.length === 7)).toBe(true);
    const sundays = monthGrid("2026-02-01", 7);
    expect(sundays[0]?.[0]).toBe("2026-02-01");
    expect(sundays).toHaveLength(4);
  });

  it("finds the week's start and its days", () => {
    expect(startOfWeek("2026-12-04", 1)).toBe("2026-11-30");
    expect(startOfWeek("2026-12-04", 7)).toBe("2026-11-29");
    expect(weekDays("2026-12-31", 1).at(-1)).toBe("2027-01-03");
  });

  it("keeps a month step inside the month", () => {
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2027-01-15", -1)).toBe("2026-12-15");
    expect(addMonths("2026-12-15", 13)).toBe("2028-01-15");
  });

  it("refuses days that do not exist", () => {
    expect(parseDayKey("2026-02-30")).toBeNull();
    expect(parseDayKey("2026-2-3")).toBeNull();
    expect(parseWallTimeInput("2026-12-08T24:00")).toBeNull();
    expect(parseWallTimeInput("2026-12-08T18:05")).toEqual({
      year: 2026,
      month: 12,
      day: 8,
      hour: 18,
      minute: 5,
    });
  });

  it("shows an event on each day it covers, and not on the day it ends at midnight", () => {
    const tz = "Europe/Paris";
    expect(
      daysCovered(new Date("2026-12-08T21:00:00Z"), new Date("2026-12-09T01:00:00Z"), tz),
    ).toEqual(["2026-12-08", "2026-12-09"]);
    expect(
      daysCovered(new Date("2026-12-08T20:00:00Z"), new Date("2026-12-08T23:00:00Z"), tz),
    ).toEqual(["2026-12-08"]);
  });
});
