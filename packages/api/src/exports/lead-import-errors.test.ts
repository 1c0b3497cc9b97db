// GET /api/export/lead-import-errors.csv: an import's bad rows as a spreadsheet reads them, over
// several pages, refused as the import screen's own list is.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, parseCsv } from "../testing.ts";
import { leadImportErrorsCsv } from "./lead-import-errors.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let other: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let importId: string;
const BAD = 450;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member"]);
  other = await fx.createOrg("other");
  const owner = await acme.owner.caller("acme");
  const rows = [
    { name: "Good Row", email: "good@acme.example" },
    { name: "=cmd()", email: 'bad, "quoted"', status: "sleeping" },
    ...Array.from({ length: BAD - 1 }, (_, i) => ({ name: "", company: `Co ${i}` })),
  ];
  const created = await owner.leadImport.create({
    fileName: "bad.csv",
    totalRows: rows.length,
    badRows: "skip",
  });
  importId = created.id;
  await owner.leadImport.addRows({
    id: importId,
    rows: rows.map((values, i) => ({ rowNumber: i + 2, values })),
  });
});
afterAll(() => fx.drop());

const request = (cookie: string | null, query: Record<string, string>) => {
  const headers = new Headers();
  if (cookie) headers.set("cookie", cookie);
  return new Request(
    `http://guild.test/api/export/lead-import-errors.csv?${new URLSearchParams(query)}`,
    { headers },
  );
};

describe("GET /api/export/lead-import-errors.csv", () => {
  it("streams every bad row with its number, reason and cells, as a download", async () => {
    const response = await leadImportErrorsCsv(
      fx.deps,
      request(acme.owner.cookie, { org: "acme", id: importId }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="bad-rows-acme-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const [head, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
    expect(head?.slice(0, 5)).toEqual(["Row", "Why it is bad", "Name", "First name", "Last name"]);
    expect(head).toContain("Owner");
    expect(rows).toHaveLength(BAD);
    expect(rows[0]?.slice(0, 3)).toEqual([
      "3",
      'Status "sleeping" is not one of New, Contacted, Qualified, Proposal, Negotiation, Won, Lost; Enter a valid email address',
      // A cell a spreadsheet would run stays text.
      "'=cmd()",
    ]);
    expect(rows[0]).toContain('bad, "quoted"');
    expect(rows.at(-1)?.slice(0, 2)).toEqual([String(BAD + 2), "Name is required"]);
  });

  it("refuses as the import screen does, with the status and a sentence", async () => {
    const cases: Array<[Request, number, RegExp]> = [
      [request(null, { org: "acme", id: importId }), 401, /sign in/i],
      [request(acme.members.member!.cookie, { org: "acme", id: importId }), 403, /CRM/],
      [request(other.owner.cookie, { org: "acme", id: importId }), 404, /./],
      // Another organization's import, asked for in one's own: it does not exist there.
      [request(other.owner.cookie, { org: "other", id: importId }), 404, /import/i],
      [request(acme.owner.cookie, { org: "acme" }), 400, /import/],
      [request(acme.owner.cookie, { id: importId }), 400, /organization/],
    ];
    for (const [req, status, message] of cases) {
      const response = await leadImportErrorsCsv(fx.deps, req);
      expect(response.status, req.url).toBe(status);
      expect(await response.text()).toMatch(message);
    }
  });
});
