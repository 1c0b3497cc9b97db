import { describe, expect, it } from "vitest";
import { inputOfInstant, instantOfInput, nextWholeHour, sameTimeOnDay } from "./studio-time.ts";

describe("rescheduling a post on the member's clock", () => {
  it("keeps the time of day when a post moves to another day, across a DST change", () => {
    // 9:30 in Paris on Friday 23 October 2026 (UTC+2) moved to Monday 26 October (UTC+1).
    const moved = sameTimeOnDay(new Date("2026-10-23T07:30:00Z"), "2026-10-26", "Europe/Paris");
    expect(moved.toISOString()).toBe("2026-10-26T08:30:00.000Z");
  });

  it("moves to a day of another month in a zone west of UTC", () => {
    const moved = sameTimeOnDay(new Date("2026-12-01T03:00:00Z"), "2026-12-31", "America/New_York");
    // 22:00 on 30 November in New York: the dragged-to day is read as New York's.
    expect(moved.toISOString()).toBe("2027-01-01T03:00:00.000Z");
  });

  it("reads the dialog's date and time as the member's zone, both ways", () => {
    const at = instantOfInput("2026-12-08T18:30", "Asia/Tokyo");
    expect(at?.toISOString()).toBe("2026-12-08T09:30:00.000Z");
    expect(at && inputOfInstant(at, "Asia/Tokyo")).toBe("2026-12-08T18:30");
    expect(instantOfInput("2026-12-08", "Asia/Tokyo")).toBeNull();
  });

  it("proposes the next whole hour", () => {
    expect(nextWholeHour(new Date("2026-12-08T17:05:00Z"), "Europe/Paris")).toBe(
      "2026-12-08T19:00",
    );
  });
});
