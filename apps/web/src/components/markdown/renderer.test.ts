// The markdown XSS corpus (issue 11 §3): known payloads rendered by the real renderer (React's
// server renderer, the same elements the browser gets) and parsed back by parse5, the HTML
// standard's parser, so what is asserted is the DOM a browser would build from them.
import { type DefaultTreeAdapterMap, parse } from "parse5";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownRenderer, USER_LINK_REL } from "./renderer.tsx";

type Element = DefaultTreeAdapterMap["element"];
type Node = DefaultTreeAdapterMap["childNode"] | DefaultTreeAdapterMap["document"];

const ORG = "3f0c8e4e-8a51-4c55-9c1e-0a4f1e2d3c4b";
const FILE = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

const corpus: string[] = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
  "<scr<script>ipt>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<img src="x" onerror="alert(1)"/>',
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<iframe src=javascript:alert(1)></iframe>",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "<object data=javascript:alert(1)></object>",
  "<embed src=javascript:alert(1)>",
  "<style>body{background:url(javascript:alert(1))}</style>",
  '<div style="background-image:url(javascript:alert(1))">x</div>',
  "<a href=javascript:alert(1)>click</a>",
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<input autofocus onfocus="alert(1)">',
  '<details open ontoggle="alert(1)">',
  '<body onload="alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  "<!--<img src=x onerror=alert(1)>-->",
  '<a href="&#106;avascript:alert(1)">entity</a>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click]( javascript:alert(1))",
  "[click](java\tscript:alert(1))",
  "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
  "[click](&#x6A;avascript&#x3A;alert(1))",
  "[click](javascript&colon;alert(1))",
  "[click](java%0ascript:alert(1))",
  "[click](<javascript:alert(1)>)",
  "[click](\\javascript:alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](DATA:text/html,<script>alert(1)</script>)",
  "[click](file:///etc/passwd)",
  '[click](https://ok.example "title" onclick="alert(1)")',
  "[ref]\n\n[ref]: javascript:alert(1)",
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  '![x](https://ok.example/x.png"onerror="alert(1))',
  "![x](http://insecure.example/x.png)",
  "[![img](javascript:alert(1))](javascript:alert(2))",
  "[a [nested](javascript:alert(1)) link](https://ok.example)",
  "[x](https://ok.example)[y](javascript:alert(1))",
  "<javascript:alert(1)>",
  "<https://ok.example/?q=<script>alert(1)</script>>",
  "www.example.com/<script>alert(1)</script>",
  "`<script>alert(1)</script>`",
  "```html\n<script>alert(1)</script>\n```",
  "> <img src=x onerror=alert(1)>",
  "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
  "- [ ] <img src=x onerror=alert(1)>",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  '<a id="__proto__" name="location">clobber</a>',
  "\u0000<script>alert(1)</script>",
  "[click](jav\u0000ascript:alert(1))",
];

function elements(node: Node, out: Element[] = []): Element[] {
  if ("tagName" in node) out.push(node);
  if ("childNodes" in node) for (const child of node.childNodes) elements(child, out);
  if ("content" in node && node.content) elements(node.content as Node, out);
  return out;
}

const dangerousTags = new Set([
  "script",
  "iframe",
  "object",
  "embed",
  "style",
  "svg",
  "math",
  "form",
  "input",
  "button",
  "base",
  "meta",
  "link",
  "frame",
  "frameset",
  "template",
]);
const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href", "srcset"]);

/** The body the renderer's markup becomes in a browser. */
function dom(markdown: string): Element[] {
  // biome-ignore lint/correctness/noChildrenProp: a .ts test (no JSX); the prop is the source
  const html = renderToStaticMarkup(createElement(MarkdownRenderer, { children: markdown }));
  const document = parse(`<!doctype html><html><body>${html}</body></html>`);
  const body = elements(document).find((e) => e.tagName === "body");
  if (!body) throw new Error("no body");
  return elements(body).slice(1);
}

function dangerIn(markdown: string): string[] {
  const found: string[] = [];
  for (const el of dom(markdown)) {
    // A task list's box (- [ ]) is the one input allowed: a disabled checkbox, nothing else.
    const taskBox =
      el.tagName === "input" &&
      el.attrs.every(
        (a) =>
          (a.name === "type" && a.value === "checkbox") ||
          a.name === "disabled" ||
          a.name === "checked",
      );
    if (dangerousTags.has(el.tagName) && !taskBox) found.push(`<${el.tagName}>`);
    for (const attr of el.attrs) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) found.push(`${el.tagName}[${name}]`);
      if (name === "style") found.push(`${el.tagName}[style]`);
      if (urlAttributes.has(name)) {
        // What the browser would resolve: the URL standard strips the same characters.
        const url = new URL(attr.value, "https://guild.invalid");
        if (!["https:", "http:", "mailto:"].includes(url.protocol))
          found.push(`${el.tagName}[${name}=${attr.value}]`);
        if (el.tagName === "img" && url.protocol !== "https:") found.push(`img[src=${attr.value}]`);
      }
    }
  }
  return found;
}

describe("markdown XSS corpus", () => {
  it.each(corpus)("renders %j inert", (payload) => {
    expect(dangerIn(payload)).toEqual([]);
  });

  it("has a corpus that would catch an unsafe renderer (the checker finds danger in raw HTML)", () => {
    // The same walk over the payloads as raw HTML: if it found nothing, the tests above would
    // prove nothing.
    const raw = parse("<img src=x onerror=alert(1)><script>x</script><a href='java\tscript:x'>");
    const all = elements(raw);
    expect(all.some((e) => e.tagName === "script")).toBe(true);
    expect(all.some((e) => e.attrs.some((a) => a.name === "onerror"))).toBe(true);
  });
});

describe("markdown rendering", () => {
  it("renders ordinary markdown: emphasis, lists, code, tables, task lists", () => {
    const tags = dom(
      "# Title\n\n**bold** _em_ `code`\n\n- one\n- two\n\n| a |\n|---|\n| 1 |\n\n- [x] done",
    ).map((e) => e.tagName);
    for (const tag of ["h1", "strong", "em", "code", "ul", "li", "table", "td"])
      expect(tags, tag).toContain(tag);
  });

  it("gives every link rel=noopener noreferrer nofollow ugc and keeps only http, https and mailto", () => {
    const links = dom(
      "[web](https://ok.example) [plain](http://ok.example) [mail](mailto:a@b.example) " +
        "https://auto.example [rel](/o/demo/u/ada)",
    ).filter((e) => e.tagName === "a");
    expect(links.map((a) => a.attrs.find((x) => x.name === "href")?.value)).toEqual([
      "https://ok.example",
      "http://ok.example",
      "mailto:a@b.example",
      "https://auto.example",
      "/o/demo/u/ada",
    ]);
    for (const a of links) expect(a.attrs.find((x) => x.name === "rel")?.value).toBe(USER_LINK_REL);
    const refused = dom("[bad](javascript:alert(1))");
    expect(refused.filter((e) => e.tagName === "a")).toEqual([]);
    expect(refused.some((e) => e.childNodes.some((c) => "value" in c && c.value === "bad"))).toBe(
      true,
    );
  });

  it("shows images from the platform's file route only; others become links", () => {
    const elements = dom(
      `![a](/api/files/${ORG}/${FILE}) ![b](https://img.example/b.png) ` +
        "![c](http://img.example/c.png) ![d](/api/other) ![e](//img.example/e.png)",
    );
    const srcs = elements
      .filter((e) => e.tagName === "img")
      .map((img) => img.attrs.find((x) => x.name === "src")?.value);
    expect(srcs).toEqual([`/api/files/${ORG}/${FILE}`]);
    const hrefs = elements
      .filter((e) => e.tagName === "a")
      .map((a) => a.attrs.find((x) => x.name === "href")?.value);
    // (The sanitizer drops an http image's source first: it shows as its alt text.)
    expect(hrefs).toEqual(["https://img.example/b.png", "/api/other", "//img.example/e.png"]);
  });
});
