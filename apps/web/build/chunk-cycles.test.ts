import { describe, expect, it } from "vitest";
import { chunkCycles } from "./chunk-cycles.ts";

describe("chunkCycles", () => {
  it("finds chunks that import each other, directly or around a longer circle", () => {
    expect(
      chunkCycles(
        new Map([
          ["app.js", ["data-table.js", "vendor.js"]],
          ["data-table.js", ["app.js"]],
          ["vendor.js", []],
        ]),
      ),
    ).toEqual([["app.js", "data-table.js", "app.js"]]);
    expect(
      chunkCycles(
        new Map([
          ["a.js", ["b.js"]],
          ["b.js", ["c.js"]],
          ["c.js", ["a.js"]],
        ]),
      ),
    ).toEqual([["a.js", "b.js", "c.js", "a.js"]]);
  });

  it("accepts a chunk shared by several importers, which is no circle", () => {
    expect(
      chunkCycles(
        new Map([
          ["index.js", ["app.js", "common-ui.js"]],
          ["app.js", ["common-ui.js", "data-table.js"]],
          ["data-table.js", ["common-ui.js"]],
          ["common-ui.js", []],
        ]),
      ),
    ).toEqual([]);
  });
});
