import { describe, expect, it } from "vitest";
import { answerSentence, ordinal, seatsSentence } from "./rsvp-panel.tsx";

describe("the RSVP panel's words", () => {
  it("says a waitlist place as an English ordinal", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map(ordinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
      "101st",
    ]);
    expect(answerSentence({ status: "waitlisted", position: 3, promoted: false })).toBe(
      "You're 3rd on the waitlist.",
    );
    expect(answerSentence({ status: "going", position: null, promoted: true })).toBe(
      "A seat freed up: you're going.",
    );
    expect(answerSentence({ status: null, position: null, promoted: false })).toBe("Will you go?");
  });

  it("says the seats", () => {
    expect(
      seatsSentence({ capacity: null, goingCount: 4, seatsLeft: null, waitlistCount: 0 }),
    ).toBe("4 going");
    expect(seatsSentence({ capacity: 10, goingCount: 9, seatsLeft: 1, waitlistCount: 0 })).toBe(
      "9 going · 1 seat left",
    );
    expect(seatsSentence({ capacity: 10, goingCount: 10, seatsLeft: 0, waitlistCount: 3 })).toBe(
      "All 10 seats taken · 3 on the waitlist",
    );
  });
});
