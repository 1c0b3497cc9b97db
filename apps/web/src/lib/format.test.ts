import { describe, expect, it } from "vitest";
import { amountProblem, amountToCents, formatMoneyShort } from "./format.ts";

const POSITIVE = "The value must be positive (or 0)";

describe("the amount field's words", () => {
  it("takes amounts as people type them", () => {
    expect(amountToCents("1,250.5")).toBe(125050);
    expect(amountProblem("$1250", POSITIVE)).toBeNull();
    expect(amountProblem("", POSITIVE)).toBeNull();
  });

  it("says a negative amount must be positive, whatever minus sign was typed", () => {
    for (const typed of ["-5", "- 5", "−12.50", "$-3", " -1,000 "])
      expect(amountProblem(typed, POSITIVE), typed).toBe(POSITIVE);
  });

  it("shows the format for anything else", () => {
    for (const typed of ["abc", "12.345", "--5", "-", "5-"])
      expect(amountProblem(typed, POSITIVE), typed).toBe("Enter an amount like 1250 or 1250.50");
  });
});

describe("a chart axis's money", () => {
  it("is short at every size, so the labels fit the axis", () => {
    expect(formatMoneyShort(0)).toBe("$0");
    expect(formatMoneyShort(2_500_000)).toBe("$25K");
    expect(formatMoneyShort(130_000_000)).toBe("$1.3M");
  });
});
