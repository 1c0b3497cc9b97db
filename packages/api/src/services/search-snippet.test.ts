import { describe, expect, test } from "vitest";
import { mark, plainText, queryWords, snippet } from "./search-snippet.ts";

const marked = (h: { text: string; marks: Array<[number, number]> }) =>
  h.marks.map(([start, end]) => h.text.slice(start, end));

describe("search snippets", () => {
  test("query words are split and lowercased as search_words does", () => {
    expect(queryWords("Zoë.Müller@ACME-corp  zoë")).toEqual(["zoë", "müller", "acme", "corp"]);
  });

  test("marks whole words that start with a query word, in any case", () => {
    const h = mark("Garden parties and the GARDENER's notes", ["garden"]);
    expect(marked(h)).toEqual(["Garden", "GARDENER"]);
  });

  test("a long body is cut around the first match, at word boundaries", () => {
    const body = `${"intro words ".repeat(40)}the rare keyword sits here ${"outro words ".repeat(40)}`;
    const h = snippet(body, ["keyword"], 120);
    expect(h.text.startsWith("…")).toBe(true);
    expect(h.text.endsWith("…")).toBe(true);
    expect(h.text.length).toBeLessThanOrEqual(122);
    expect(marked(h)).toEqual(["keyword"]);
    expect(h.text).not.toMatch(/^…\S*words\S/);
  });

  test("markdown syntax and link targets are not shown or matched", () => {
    expect(plainText("**Bold** [the docs](https://evil.example/path) `code` ![alt](x.png)")).toBe(
      "Bold the docs code alt",
    );
    expect(marked(snippet("[click](https://secret.example)", ["secret"]))).toEqual([]);
  });

  test("a text without a match starts from its beginning", () => {
    const h = snippet("word ".repeat(100), ["nothing"], 50);
    expect(h.text.startsWith("word")).toBe(true);
    expect(h.marks).toEqual([]);
  });
});
