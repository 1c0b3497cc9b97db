// The one grace rule after a failed renewal, at its edges, as plans and tiers both apply it.
import { describe, expect, it } from "vitest";
import { subscriptionGrantsPlan } from "./entitlements.ts";
import { graceEndsAt, PAYMENT_GRACE_DAYS, withinGrace } from "./payment-grace.ts";

const failedAt = new Date("2026-03-01T10:00:00.000Z");
const end = graceEndsAt(failedAt);
const ms = (offset: number) => new Date(end.getTime() + offset);

describe("the payment grace", () => {
  it("ends seven days after the start of the period whose payment failed", () => {
    expect(PAYMENT_GRACE_DAYS).toBe(7);
    expect(end.toISOString()).toBe("2026-03-08T10:00:00.000Z");
  });

  it("grants up to the last millisecond before its end, not at it or after", () => {
    expect(withinGrace(end, failedAt)).toBe(true);
    expect(withinGrace(end, ms(-1))).toBe(true);
    expect(withinGrace(end, end)).toBe(false);
    expect(withinGrace(end, ms(1))).toBe(false);
  });

  it("with no end known, grants while Stripe still retries", () => {
    expect(withinGrace(null, ms(365 * 86_400_000))).toBe(true);
  });

  it("is what a past_due organization plan follows; other statuses ignore it", () => {
    expect(subscriptionGrantsPlan("past_due", end, ms(-1))).toBe(true);
    expect(subscriptionGrantsPlan("past_due", end, end)).toBe(false);
    expect(subscriptionGrantsPlan("active", end, ms(1))).toBe(true);
    expect(subscriptionGrantsPlan("unpaid", end, failedAt)).toBe(false);
  });
});
