import { describe, expect, it } from "vitest";
import { parseMentions } from "./mention.ts";

describe("parseMentions", () => {
  it("finds each username once, lowercase, in order of first mention", () => {
    expect(parseMentions("Thanks @Ada and @grace_h! cc @ada, (@bob_1).")).toEqual([
      "ada",
      "grace_h",
      "bob_1",
    ]);
    expect(parseMentions("@ada at the start\n- @bob in a list\n> @carol quoted")).toEqual([
      "ada",
      "bob",
      "carol",
    ]);
    expect(parseMentions("**@ada** *@bob* [@carol](https://example.com)")).toEqual([
      "ada",
      "bob",
      "carol",
    ]);
  });

  it("ignores emails, URLs, too short or too long names", () => {
    expect(
      parseMentions(
        "mail ada@example.com or bob.smith@ex.org, see https://x.com/@carol and a@b@c; @ab; @" +
          "x".repeat(31),
      ),
    ).toEqual([]);
  });

  it("ignores code spans, fenced and indented code blocks", () => {
    const markdown = [
      "Ask `@inline` or ``@double `tick` span``, but @real.",
      "",
      "```ts",
      "const x = '@fenced';",
      "```",
      "~~~~",
      "@tilde",
      "```",
      "@still_fenced (a shorter other fence does not close it)",
      "~~~~",
      "",
      "    @indented code",
      "",
      "After @after",
    ].join("\n");
    expect(parseMentions(markdown)).toEqual(["real", "after"]);
  });

  it("treats an unclosed backtick or fence like CommonMark does", () => {
    expect(parseMentions("a lone ` backtick and @ada")).toEqual(["ada"]);
    expect(parseMentions("```\n@never_closed")).toEqual([]);
  });
});
