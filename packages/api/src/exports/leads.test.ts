import { asSystem, lead, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EXPORT_PAGE_SIZE } from "../services/lead.ts";
import { type ApiFixture, createApiFixture, parseCsv } from "../testing.ts";
import { leadsCsv } from "./leads.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let other: Awaited<ReturnType<ApiFixture["createOrg"]>>;
const LEADS = EXPORT_PAGE_SIZE * 2 + 30;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member", "admin"]);
  other = await fx.createOrg("other");
  // More than two pages, written straight to the table (the export is what is under test).
  await withTenant(fx.db, asSystem(acme.org.id, "test"), ({ db }) =>
    db.insert(lead).values(
      Array.from({ length: LEADS }, (_, i) => ({
        organizationId: acme.org.id,
        name: `Lead ${String(i).padStart(3, "0")}`,
        email: `lead${i}@acme.example`,
        status: i % 2 === 0 ? ("new" as const) : ("won" as const),
        valueCents: i * 100 + 5,
        createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      })),
    ),
  );
  const owner = await acme.owner.caller("acme");
  await owner.lead.create({
    name: '=HYPERLINK("http://evil.example","click")',
    company: 'Quotes "and", commas',
    phone: "+1 555 0100",
    notes: "two\nlines",
    valueCents: 123_456,
    ownerMemberId: acme.owner.memberId,
  });
  await (await other.owner.caller("other")).lead.create({ name: "Other's secret lead" });
});
afterAll(() => fx.drop());

function exportRequest(
  cookie: string | null,
  query: Record<string, string> = { org: "acme" },
): Request {
  const headers = new Headers();
  if (cookie) headers.set("cookie", cookie);
  return new Request(`http://guild.test/api/export/leads.csv?${new URLSearchParams(query)}`, {
    headers,
  });
}

describe("GET /api/export/leads.csv", () => {
  it("streams every lead of the filter as CSV, over several pages, as a download", async () => {
    const response = await leadsCsv(fx.deps, exportRequest(acme.members.admin!.cookie));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="leads-acme-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    // UTF-8's byte-order mark first, so spreadsheet programs read names as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("Name,Email,Company,Phone,Status,Source,Value,Owner")).toBe(true);
    const [head, ...rows] = parseCsv(text);
    expect(head).toHaveLength(11);
    expect(rows).toHaveLength(LEADS + 1);
    // Newest first, as the list shows them; nothing of another organization.
    expect(rows[0]?.[0]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(new Set(rows.map((r) => r[0])).size).toBe(LEADS + 1);
    expect(text).not.toContain("Other's secret lead");
    expect(rows[0]).toEqual([
      `'=HYPERLINK("http://evil.example","click")`,
      "",
      'Quotes "and", commas',
      // A leading + would make it a formula too: kept as text, as OWASP advises.
      "'+1 555 0100",
      "New",
      "Other",
      "1234.56",
      acme.owner.name,
      "two\nlines",
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    ]);
  });

  it("exports what the filter and order name", async () => {
    const input = JSON.stringify({ status: ["won"], sort: "value", order: "asc" });
    const response = await leadsCsv(
      fx.deps,
      exportRequest(acme.owner.cookie, { org: "acme", input }),
    );
    const [, ...rows] = parseCsv(await response.text());
    expect(rows).toHaveLength(LEADS / 2);
    expect(rows.every((r) => r[4] === "Won")).toBe(true);
    const values = rows.map((r) => Number(r[6]));
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it("refuses as the list does, with the status and a sentence, never a CSV", async () => {
    const cases: Array<[Request, number, RegExp]> = [
      [exportRequest(null), 401, /sign in/i],
      // A member without CRM access: the CRM is staff-only.
      [exportRequest(acme.members.member!.cookie), 403, /CRM/],
      // Not a member: the organization does not exist for them.
      [exportRequest(other.owner.cookie), 404, /./],
      [exportRequest(acme.owner.cookie, { input: "{}" }), 400, /organization/],
      [exportRequest(acme.owner.cookie, { org: "acme", input: "{not json" }), 400, /JSON/],
      [
        exportRequest(acme.owner.cookie, { org: "acme", input: '{"status":["nope"]}' }),
        400,
        /status/i,
      ],
      [exportRequest(acme.owner.cookie, { org: "acme", input: "x".repeat(5000) }), 400, /long/],
    ];
    for (const [request, status, message] of cases) {
      const response = await leadsCsv(fx.deps, request);
      expect(response.status, request.url).toBe(status);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toMatch(message);
    }
  });
});
