import { describe, expect, it } from "vitest";
import { locksInWords, lockWords, openingDay } from "./lock-words.ts";

describe("lock words", () => {
  const now = new Date(2026, 11, 4, 12);

  it("words each kind of lock as the issue asks", () => {
    expect(lockWords({ kind: "prerequisite", lessonId: "x", lessonTitle: "Basics" }, now)).toBe(
      "Complete “Basics” first",
    );
    expect(lockWords({ kind: "level", level: 3 }, now)).toBe("Reach level 3");
    expect(lockWords({ kind: "tier", tierName: "Pro" }, now)).toBe("Pro tier");
    expect(lockWords({ kind: "drip", opensAt: new Date(2026, 2, 12, 9) }, now)).toBe(
      "Opens on 12 March",
    );
    expect(lockWords({ kind: "enrollment" }, now)).toBe("Enroll in the course first");
    expect(lockWords({ kind: "grant" }, now)).toBe("An admin opens this course to you");
  });

  it("names the year of a date in another year", () => {
    expect(openingDay(new Date(2027, 0, 2), now)).toBe("2 January 2027");
  });

  it("joins several locks", () => {
    expect(
      locksInWords(
        [
          { kind: "prerequisite", lessonId: "x", lessonTitle: "Basics" },
          { kind: "level", level: 2 },
        ],
        now,
      ),
    ).toBe("Complete “Basics” first · Reach level 2");
  });
});
