// The lead list at production scale: 100k leads across 20 organizations. For each shape the web
// app asks for, the exact statement listLeads sends (captured on the wire from postgres.js) is
// EXPLAINed with ANALYZE and BUFFERS inside a real tenant transaction (guild_tenant role + RLS),
// both as a custom plan (a statement's first executions) and as the generic plan a prepared
// statement settles on. Every shape must read lead through an index, and a page deep into the
// organization must touch no more buffers than the first one: that is what keyset pagination buys.
import { asSystem, type SQL, sql, withTenant } from "@guild/db";
import { createTestDatabase } from "@guild/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { z } from "zod";
import { type BulkSeededOrganization, bulkSeed } from "../../../db/src/bulk-seed.ts";
import { type ListLeadsInput, listLeadsInput } from "../schemas/lead.ts";
import { listLeads } from "./lead.ts";

declare module "vitest" {
  interface ProvidedContext {
    pgAdminUrl: string;
  }
}

const ORGANIZATIONS = 20;
const LEADS_PER_ORGANIZATION = 5_000;
/** How far into the organization's rows the deep page starts (when the filter leaves that many). */
const DEEP_ROWS = 4_000;

type PlanMode = "custom" | "generic";
const planModes: PlanMode[] = ["custom", "generic"];

interface Shape {
  name: string;
  input: () => ListLeadsInput;
  /** Shared buffers (hit + read) one page may touch, at any depth. */
  maxBuffers: number;
  /** The index built for this order and filter (schema/lead.ts), when one is. */
  index?: string;
}

// 25 rows with their owners' names: a few index pages, ~25 heap pages, the member/user join.
const PAGE_BUFFERS = 80;
// Substring search cannot stop early on an index order when matches are rare: up to the whole
// organization's rows (5k leads ≈ 125 heap pages + the index that finds them) plus one page's join.
const SEARCH_BUFFERS = 300;

const shapes: Shape[] = [
  {
    name: "default order, newest first",
    input: () => ({}),
    maxBuffers: PAGE_BUFFERS,
    index: "lead_org_created_idx",
  },
  {
    name: "one status (pipeline column)",
    input: () => ({ status: ["qualified"] }),
    maxBuffers: PAGE_BUFFERS,
    index: "lead_org_status_created_idx",
    // Text, not a PostgreSQL enum: under RLS only LEAKPROOF operators become index conditions.
  },
  {
    name: "one owner",
    input: () => ({ ownerMemberId: org.ownerMemberIds[1] }),
    maxBuffers: PAGE_BUFFERS,
    index: "lead_org_owner_created_idx",
  },
  {
    name: "by value, highest first",
    input: () => ({ sort: "value" }),
    maxBuffers: PAGE_BUFFERS,
    index: "lead_org_value_idx",
  },
  {
    name: "by name, A to Z",
    input: () => ({ sort: "name", order: "asc" }),
    maxBuffers: PAGE_BUFFERS,
    index: "lead_org_name_idx",
  },
  {
    name: "by last update",
    input: () => ({ sort: "updatedAt" }),
    maxBuffers: PAGE_BUFFERS,
    index: "lead_org_updated_idx",
  },
  {
    name: "search, common term",
    input: () => ({ search: "hopper" }),
    maxBuffers: SEARCH_BUFFERS,
    // The page is picked from lead before the owner join, so even a plan that reads every match
    // joins member and user to one page only.
  },
  {
    name: "search, narrow term",
    input: () => ({ search: "wonka inc" }),
    maxBuffers: SEARCH_BUFFERS,
  },
  {
    name: "search, one match",
    input: () => ({ search: "ada.lovelace4000@" }),
    maxBuffers: SEARCH_BUFFERS,
  },
];

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Shared Hit Blocks": number;
  "Shared Read Blocks": number;
  Plans?: PlanNode[];
}
interface ExplainRow extends Record<string, unknown> {
  "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }];
}

interface CapturedQuery {
  text: string;
  parameters: unknown[];
}

type ListInput = z.output<typeof listLeadsInput>;

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let org: BulkSeededOrganization;

beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  // bulkSeed ANALYZEs the tables, so plans see the real distribution.
  const seeded = await bulkSeed(t.db, {
    organizations: ORGANIZATIONS,
    leadsPerOrganization: LEADS_PER_ORGANIZATION,
  });
  // One in the middle: its rows are neither the first nor the last written.
  const middle = seeded.organizations[Math.floor(ORGANIZATIONS / 2)];
  if (!middle) throw new Error("no organization seeded");
  org = middle;
}, 60_000);
afterAll(() => t?.drop());

/** Runs listLeads as the procedure does and returns the lead query it sent to PostgreSQL. */
async function runListLeads(input: ListInput) {
  const sent: CapturedQuery[] = [];
  t.sql.options.debug = (_connection: number, text: string, parameters: unknown[]) => {
    sent.push({ text, parameters: [...parameters] });
  };
  try {
    const page = await withTenant(t.db, asSystem(org.id, "test"), (scope) =>
      listLeads(scope, input),
    );
    const query = sent.find((q) => /\bfrom "lead"/.test(q.text));
    if (!query)
      throw new Error(`listLeads sent no lead query: ${sent.map((q) => q.text).join("; ")}`);
    return { page, query };
  } finally {
    t.sql.options.debug = false;
  }
}

/** The captured statement with its parameters bound again, as drizzle sent it. */
function rebuild(query: CapturedQuery): SQL {
  const parts = query.text.split(/\$(\d+)/);
  return sql.join(
    parts.map((part, i) =>
      i % 2 === 0 ? sql.raw(part) : sql`${query.parameters[Number(part) - 1]}`,
    ),
  );
}

/**
 * A parameter as an SQL literal, for EXECUTE's argument list (outer parameters cannot be typed
 * there). Quoted literals stay untyped, so the prepared statement's parameter types apply.
 */
function literal(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  throw new Error(`no literal for parameter ${String(value)}`);
}

let prepared = 0;

/** EXPLAIN (ANALYZE, BUFFERS) of the captured statement in the organization's tenant transaction. */
async function explain(query: CapturedQuery, mode: PlanMode) {
  const rows = await withTenant(t.db, asSystem(org.id, "test"), async ({ db: tx }) => {
    if (mode === "custom")
      return tx.execute<ExplainRow>(sql`explain (analyze, buffers, format json) ${rebuild(query)}`);
    // What a prepared statement runs once PostgreSQL stops planning per execution.
    const name = sql.raw(`lead_plan_${++prepared}`);
    await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
    await tx.execute(sql`prepare ${name} as ${sql.raw(query.text)}`);
    const args = sql.raw(query.parameters.map(literal).join(", "));
    const plan = await tx.execute<ExplainRow>(
      sql`explain (analyze, buffers, format json) execute ${name}(${args})`,
    );
    // Prepared statements outlive the transaction; a failed one dies with the test's connection.
    await tx.execute(sql`deallocate ${name}`);
    return plan;
  });
  const result = rows[0]?.["QUERY PLAN"][0];
  if (!result) throw new Error("EXPLAIN returned no plan");
  const onLead: PlanNode[] = [];
  // Buffers of the outermost nodes reading lead (a bitmap heap scan's count includes its index's).
  let leadBuffers = 0;
  const walk = (node: PlanNode, underLead: boolean) => {
    const isLead = node["Relation Name"] === "lead" || !!node["Index Name"]?.startsWith("lead_");
    if (isLead) onLead.push(node);
    if (isLead && !underLead) leadBuffers += node["Shared Hit Blocks"] + node["Shared Read Blocks"];
    for (const child of node.Plans ?? []) walk(child, underLead || isLead);
  };
  walk(result.Plan, false);
  return {
    scans: onLead.map((n) => n["Node Type"]),
    indexes: [...new Set(onLead.flatMap((n) => (n["Index Name"] ? [n["Index Name"]] : [])))],
    // The root's counts include its children's: everything execution touched (not planning).
    buffers: result.Plan["Shared Hit Blocks"] + result.Plan["Shared Read Blocks"],
    leadBuffers,
    ms: result["Execution Time"],
  };
}

/**
 * The cursor of a page about DEEP_ROWS rows in (or as deep as the filter allows while leaving a
 * full page after it), reached by paging like the web app's infinite scroll.
 */
async function deepCursor(input: ListInput) {
  const steps: Array<{ cursor: ListInput["cursor"]; seen: number }> = [{ cursor: null, seen: 0 }];
  for (let step = steps[0]; step && step.seen < DEEP_ROWS; ) {
    const { page } = await runListLeads({ ...input, limit: 100, cursor: step.cursor });
    if (!page.nextCursor) {
      // The end: keep this cursor if a full page follows it, else the previous one (which has 100).
      if (page.items.length < input.limit && steps.length > 1) steps.pop();
      break;
    }
    step = { cursor: page.nextCursor, seen: step.seen + page.items.length };
    steps.push(step);
  }
  const deepest = steps[steps.length - 1];
  if (!deepest) throw new Error("no cursor");
  return deepest;
}

/** Page 1 and a deep page of one shape, EXPLAINed. */
async function firstAndDeep(shape: Shape, mode: PlanMode) {
  const input = listLeadsInput.parse(shape.input());
  const first = await runListLeads(input);
  const { cursor, seen } = await deepCursor(input);
  const deep = await runListLeads({ ...input, cursor });
  // A filter that leaves fewer than two pages has no deep page: its "deep" page is the first.
  if (seen > 0) expect(deep.page.items).toHaveLength(input.limit);
  return { first: await explain(first.query, mode), deep: await explain(deep.query, mode), seen };
}

const cases = shapes.flatMap((shape) => planModes.map((mode) => ({ shape, mode })));
const title = ({ shape, mode }: (typeof cases)[number]) => `${shape.name} (${mode} plan)`;

describe("lead list plans with 100k leads in 20 organizations, under RLS", () => {
  for (const c of cases) {
    it(`${title(c)}: index on lead, bounded buffers at any depth`, async () => {
      const { first, deep, seen } = await firstAndDeep(c.shape, c.mode);
      const summary = `first page ${first.buffers} buffers (lead ${first.leadBuffers}) ${first.ms.toFixed(2)} ms [${first.indexes}]; ${seen} rows in: ${deep.buffers} buffers (lead ${deep.leadBuffers}) ${deep.ms.toFixed(2)} ms [${deep.indexes}]`;
      for (const plan of [first, deep]) {
        expect(plan.scans, summary).not.toContain("Seq Scan");
        expect(plan.indexes.length, summary).toBeGreaterThan(0);
        expect(plan.buffers, summary).toBeLessThanOrEqual(c.shape.maxBuffers);
      }
      // Deeper must not mean dearer: reading lead (the owner join varies with the join strategy,
      // not with depth) costs about the same, with slack for where a page falls on index pages.
      expect(deep.leadBuffers, summary).toBeLessThanOrEqual(first.leadBuffers + 10);
    });
  }

  for (const c of cases) {
    const { index } = c.shape;
    if (!index) continue;
    it(`${title(c)}: served by ${index}`, async () => {
      const { first, deep } = await firstAndDeep(c.shape, c.mode);
      expect(first.indexes).toEqual([index]);
      expect(deep.indexes).toEqual([index]);
    });
  }
});
