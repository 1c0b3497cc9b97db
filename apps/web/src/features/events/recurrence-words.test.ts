import { describe, expect, it } from "vitest";
import { type Recurrence, recurrenceWords } from "./recurrence-words.ts";

const weekly: Recurrence = {
  frequency: "weekly",
  interval: 1,
  weekdays: [],
  monthlyBy: "day",
  count: null,
  until: null,
};
// 2026-12-08 is a Tuesday, the second of its month.
const start = "2026-12-08T18:00";

describe("a series in words", () => {
  it("names the start's weekday, and the others chosen", () => {
    expect(recurrenceWords(weekly, start)).toBe("Every Tuesday");
    expect(recurrenceWords({ ...weekly, weekdays: ["TH", "MO"] }, start)).toBe(
      "Every Monday, Tuesday and Thursday",
    );
    expect(recurrenceWords({ ...weekly, interval: 2 }, start)).toBe("Every 2 weeks on Tuesday");
  });

  it("says a monthly rule by day or by weekday of the month", () => {
    const monthly: Recurrence = { ...weekly, frequency: "monthly" };
    expect(recurrenceWords(monthly, start)).toBe("Monthly on the 8th");
    expect(recurrenceWords({ ...monthly, monthlyBy: "weekday" }, start)).toBe(
      "Monthly on the second Tuesday",
    );
    expect(recurrenceWords({ ...monthly, monthlyBy: "weekday" }, "2026-12-29T18:00")).toBe(
      "Monthly on the last Tuesday",
    );
    expect(recurrenceWords({ ...monthly, interval: 3 }, "2026-12-22T09:00")).toBe(
      "Every 3 months on the 22nd",
    );
  });

  it("says how it ends", () => {
    expect(recurrenceWords({ ...weekly, count: 6 }, start)).toBe("Every Tuesday, 6 times");
    expect(recurrenceWords({ ...weekly, until: "2027-03-02" }, start)).toMatch(
      /^Every Tuesday, until .*2027/,
    );
  });
});
