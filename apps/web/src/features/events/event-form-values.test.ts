import { createEventInput } from "@guild/api/schemas/event";
import { describe, expect, it } from "vitest";
import { eventInputOf, newEventValues, withStart } from "./event-form-values.ts";

const SPACE = "8d9c5a7e-4b1f-4c2a-9e3d-6f1a2b3c4d5e";

describe("the event form's values", () => {
  it("start tomorrow at 18:00 for an hour, in the member's zone", () => {
    const values = newEventValues("Asia/Tokyo", new Date("2026-12-04T16:00:00Z"));
    // 16:00 UTC is already the 5th in Tokyo: tomorrow there is the 6th.
    expect(values.startsAt).toBe("2026-12-06T18:00");
    expect(values.endsAt).toBe("2026-12-06T19:00");
    expect(values.timeZone).toBe("Asia/Tokyo");
  });

  it("keep the event's length when its start moves, across a month's end", () => {
    const values = {
      ...newEventValues("UTC"),
      startsAt: "2026-12-31T22:00",
      endsAt: "2027-01-01T00:30",
    };
    expect(withStart(values, "2027-01-31T23:00").endsAt).toBe("2027-02-01T01:30");
  });

  it("make the input the API's schema accepts, a weekly rule with its end", () => {
    const values = {
      ...newEventValues("Europe/Paris", new Date("2026-12-04T10:00:00Z")),
      title: "Code club",
      tags: "Coding,  beginners",
      capacity: "12",
      repeats: "weekly" as const,
      weekdays: ["TH" as const],
      ends: "count" as const,
      count: "4",
    };
    const parsed = createEventInput.parse({ ...eventInputOf(values), spaceId: SPACE });
    expect(parsed.capacity).toBe(12);
    expect(parsed.tags).toEqual(["coding", "beginners"]);
    expect(parsed.recurrence).toMatchObject({ frequency: "weekly", count: 4, until: null });
    expect(parsed.place).toBeNull();
  });

  it("leave a wrong number for the schema to name at its field", () => {
    const values = { ...newEventValues("UTC"), title: "x", capacity: "many" };
    const checked = createEventInput.safeParse({ ...eventInputOf(values), spaceId: SPACE });
    expect(checked.error?.issues.map((i) => i.path.join("."))).toEqual(["capacity"]);
  });
});
