// The wire format every client shares with the API: what goes in as a Date comes out as a Date,
// nothing else changes, and values JSON would silently mangle are refused at the sender.
import { describe, expect, it } from "vitest";
import { transformer } from "./transformer.ts";

const overTheWire = (value: unknown) =>
  transformer.deserialize(JSON.parse(JSON.stringify(transformer.serialize(value))));

describe("transformer", () => {
  it("brings Dates back as Dates wherever they sit, and leaves look-alike strings alone", () => {
    const created = new Date("2026-11-25T10:00:00.123Z");
    const value = {
      items: [
        { id: "a", createdAt: created, note: "2026-11-25T10:00:00.123Z", owner: null },
        { id: "b", createdAt: new Date(0), tags: ["x", 1, true] },
      ],
      nextCursor: { id: "b", value: created },
      at: created,
    };
    const back = overTheWire(value);
    expect(back).toEqual(value);
    expect(back.items[0].createdAt).toBeInstanceOf(Date);
    expect(back.items[0].note).toBe("2026-11-25T10:00:00.123Z");
    expect(overTheWire(created)).toEqual(created);
    expect(overTheWire(null)).toBeNull();
    expect(overTheWire(undefined)).toBeUndefined();
  });

  it("refuses values JSON cannot carry, naming where they are", () => {
    expect(() => transformer.serialize({ a: [new Map()] })).toThrow(/Map at a\.0/);
    expect(() => transformer.serialize({ n: 1n })).toThrow(/bigint at n/);
    expect(() => transformer.serialize({ when: new Date("nope") })).toThrow(/invalid Date at when/);
  });

  it("rejects forged date paths instead of writing through them", () => {
    const json = { cursor: { value: "2026-01-01T00:00:00Z" } };
    expect(() => transformer.deserialize({ json, dates: [["cursor", "missing"]] })).toThrow();
    expect(() => transformer.deserialize({ json, dates: [["__proto__", "x"]] })).toThrow();
    expect(() => transformer.deserialize({ json, dates: [["cursor"]] })).toThrow(/Not a date/);
    expect(() => transformer.deserialize({ json, dates: "cursor.value" })).toThrow();
    expect(() => transformer.deserialize({ json: { a: "yesterday" }, dates: [["a"]] })).toThrow();
    expect(() =>
      transformer.deserialize(
        JSON.parse('{"json":{"__proto__":{"x":"2026-01-01"}},"dates":[["__proto__","x"]]}'),
      ),
    ).not.toThrow();
    expect(Object.prototype).not.toHaveProperty("x");
  });
});
