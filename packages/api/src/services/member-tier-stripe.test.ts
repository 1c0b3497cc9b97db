// What wins when Stripe's events about a member's tier arrive late, twice or out of order
// (decideTierUpdate), and how Stripe's subscription statuses read as tier states. The webhook
// path end to end is in member-tier.test.ts.
import { describe, expect, it } from "vitest";
import {
  decideTierUpdate,
  type TierObject,
  type TierRowState,
  tierStateOf,
} from "./member-tier-stripe.ts";

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

function object(overrides: Partial<TierObject> = {}): TierObject {
  return {
    organizationId: "00000000-0000-4000-8000-000000000001",
    userId: "00000000-0000-4000-8000-000000000002",
    tierId: "00000000-0000-4000-8000-000000000003",
    kind: "subscription",
    objectId: "sub_a",
    status: "active",
    interval: "month",
    customerId: "cus_a",
    currentPeriodStart: null,
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    objectCreatedAt: at(0),
    eventAt: at(10),
    fromSession: false,
    ...overrides,
  };
}

function row(overrides: Partial<TierRowState> = {}): TierRowState {
  return {
    source: "stripe",
    status: "active",
    objectId: "sub_a",
    objectCreatedAt: at(0),
    eventAt: at(10),
    ...overrides,
  };
}

describe("decideTierUpdate", () => {
  it("applies a first object, and a newer event about the same subscription", () => {
    expect(decideTierUpdate(null, object())).toBe(true);
    expect(decideTierUpdate(row(), object({ status: "past_due", eventAt: at(11) }))).toBe(true);
  });

  it("ignores an older event about the same subscription", () => {
    expect(decideTierUpdate(row({ status: "past_due" }), object({ eventAt: at(9) }))).toBe(false);
  });

  it("within one second, goes forward in the subscription's life only", () => {
    expect(decideTierUpdate(row({ status: "none" }), object({ status: "active" }))).toBe(true);
    expect(decideTierUpdate(row({ status: "active" }), object({ status: "none" }))).toBe(false);
    // The same state again (a redelivery, or cancel then resume): the later one processed wins.
    expect(decideTierUpdate(row(), object({ cancelAtPeriodEnd: true }))).toBe(true);
  });

  it("keeps a canceled subscription canceled, however new the event", () => {
    expect(
      decideTierUpdate(row({ status: "canceled" }), object({ status: "active", eventAt: at(50) })),
    ).toBe(false);
  });

  it("lets the checkout session only start a row, never overwrite the subscription's own", () => {
    expect(decideTierUpdate(null, object({ fromSession: true }))).toBe(true);
    expect(decideTierUpdate(row({ status: "past_due" }), object({ fromSession: true }))).toBe(
      false,
    );
  });

  it("replaces a row following another object only with a newer live one, or an ended one", () => {
    const newer = { objectId: "sub_b", objectCreatedAt: at(5), eventAt: at(20) };
    expect(decideTierUpdate(row(), object({ ...newer, status: "active" }))).toBe(true);
    expect(decideTierUpdate(row(), object({ ...newer, status: "none" }))).toBe(false);
    const older = { objectId: "sub_old", objectCreatedAt: at(-50), eventAt: at(20) };
    expect(decideTierUpdate(row(), object({ ...older, status: "canceled" }))).toBe(false);
    expect(
      decideTierUpdate(row({ status: "canceled" }), object({ ...older, status: "active" })),
    ).toBe(true);
  });

  it("a purchase replaces a comped tier; an old subscription's late event does not", () => {
    const comp = row({ source: "comp", objectId: null, objectCreatedAt: null, eventAt: at(30) });
    expect(decideTierUpdate(comp, object({ objectId: "sub_new", eventAt: at(40) }))).toBe(true);
    expect(decideTierUpdate(comp, object({ eventAt: at(20) }))).toBe(false);
    expect(decideTierUpdate(comp, object({ status: "canceled", eventAt: at(40) }))).toBe(false);
  });
});

describe("tierStateOf", () => {
  it("reads Stripe's statuses in seed 001's terms", () => {
    expect(
      [
        "active",
        "trialing",
        "past_due",
        "unpaid",
        "canceled",
        "incomplete",
        "incomplete_expired",
        "paused",
      ].map(tierStateOf),
    ).toEqual([
      "active",
      "trialing",
      "past_due",
      "unpaid",
      "canceled",
      "none",
      "canceled",
      "unpaid",
    ]);
  });
});
