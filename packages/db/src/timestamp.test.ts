// parseTimestamp must give the very Date drizzle's own decoding gives (new Date(text), "+0000"
// appended without a time zone) for anything PostgreSQL may send, including what it refuses.
import { describe, expect, it } from "vitest";
import { parseTimestamp } from "./timestamp.ts";

const drizzles = (text: string, withTimezone: boolean) =>
  new Date(withTimezone ? text : `${text}+0000`);

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** A timestamp as PostgreSQL's ISO DateStyle writes it, with a random offset and fraction. */
function randomText(withTimezone: boolean): string {
  const date = new Date(Math.round(Math.random() * 253_402_300_799_999));
  const fraction = ["", ".5", ".12", ".123", ".1234", ".123456", ".999999", ".000001"][
    Math.floor(Math.random() * 8)
  ];
  const base = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)} ${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}${fraction}`;
  if (!withTimezone) return base;
  const offset = ["+00", "-03", "+05:30", "-09:30", "+14", "+0100"][Math.floor(Math.random() * 6)];
  return `${base}${offset}`;
}

describe("parseTimestamp", () => {
  it("reads PostgreSQL's timestamps as new Date would, with and without a time zone", () => {
    for (let i = 0; i < 20_000; i++) {
      const withTimezone = i % 2 === 0;
      const text = randomText(withTimezone);
      expect(parseTimestamp(text, withTimezone).getTime(), text).toBe(
        drizzles(text, withTimezone).getTime(),
      );
    }
  });

  it("leaves every other form to new Date, invalid ones included", () => {
    const odd = [
      "0099-12-02 15:30:00+00",
      "10000-01-01 00:00:00+00",
      "2026-12-02 15:30:00+00 BC",
      "2026-12-02 15:30:00+05:53:28",
      "2026-02-30 10:00:00+00",
      "2024-02-29 10:00:00+00",
      "2026-12-02 15:30:00.+00",
      "2026-12-02 24:00:00+00",
      "infinity",
      "-infinity",
      "",
    ];
    for (const text of odd)
      for (const withTimezone of [true, false])
        expect(parseTimestamp(text, withTimezone).getTime(), text).toEqual(
          drizzles(text, withTimezone).getTime(),
        );
  });
});
