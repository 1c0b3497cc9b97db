// The wire format every client shares with the API: what goes in as a Date comes out as a Date,
// nothing else changes, and values JSON would silently mangle are refused at the sender.
import { describe, expect, it } from "vitest";
import { isoString, transformer } from "./transformer.ts";

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

  it("writes each Date as toISOString() would, and leaves the value it was given alone", () => {
    const edges = [
      0,
      -1,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(1970, 0, 1, 0, 0, 0, 1),
      Date.UTC(1000, 0, 1),
      Date.UTC(999, 11, 31, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10000, 0, 1),
      -62198755200000,
      8.64e15,
      -8.64e15,
    ];
    // Random instants over the whole range of Dates, and densely around today.
    const random = Array.from({ length: 20_000 }, (_, i) =>
      i % 2
        ? Math.round((Math.random() * 2 - 1) * 8.64e15)
        : Date.now() + (Math.random() - 0.5) * 1e12,
    );
    for (const ms of [...edges, ...random]) {
      const date = new Date(ms);
      expect(isoString(date)).toBe(date.toISOString());
    }
    const value = { at: new Date(5), list: [new Date(6)] };
    const wire = transformer.serialize(value);
    expect(wire).toEqual({
      json: { at: "1970-01-01T00:00:00.005Z", list: ["1970-01-01T00:00:00.006Z"] },
      dates: [["at"], ["list", 0]],
    });
    expect(value.at).toBeInstanceOf(Date);
    expect(value.list[0]).toBeInstanceOf(Date);
    const withProto = JSON.parse('{"__proto__":{"when":"x"},"n":1}');
    expect(JSON.stringify(transformer.serialize(withProto))).toBe(
      '{"json":{"__proto__":{"when":"x"},"n":1}}',
    );
  });
});
