// The lead list at production scale: 100k leads across 20 organizations. For each shape the web
// app asks for, the exact statement listLeads sends (captured on the wire from postgres.js) is
// EXPLAINed with ANALYZE and BUFFERS inside a real tenant transaction (guild_tenant role + RLS),
// both as a custom plan (a statement's first executions) and as the generic plan a prepared
// statement settles on. Every shape must read lead through an index, and a page deep into the
// organization must touch no more buffers than the first one: that is what keyset pagination buys.
// A search must read search_term through its indexes too (research/search.md): the few matches of
// a rare word by id, or, for a common one, the list's own index with one probe per row.
import { asSystem, createDb, SEARCH_MAX_IDS, type SQL, sql, withTenant } from "@guild/db";
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

/** How a search picks its page (searchedRows): the matches by id, or a walk of the list's index. */
type SearchPath = "ids" | "walk";

interface Shape {
  name: string;
  input: () => ListLeadsInput;
  /** Shared buffers (hit + read) one page may touch, at any depth. */
  maxBuffers: number;
  /** The index built for this order and filter (schema/lead.ts), when one is. */
  index?: string;
  /** A search: the path it must take (and, walking, the list index it walks). */
  search?: { path: SearchPath; walks?: string };
}

// 25 rows with their owners' names: a few index pages, ~25 heap pages, the member/user join.
const PAGE_BUFFERS = 80;
// search_target_ids' own reads: counting each word's terms (index-only, at most 2 × maxIds
// entries: a few leaf pages) and, with few matches, reading their ids.
const SEARCH_FUNCTION_BUFFERS = 60;
// A lead fetched by primary key, or a term probe: an index descent and a heap page.
const PER_ROW = 4;
/**
 * Few matches: each fetched by id (and each candidate of the rarest word probed for the others),
 * then one page joined. Bounded by maxIds whatever the organization's size.
 */
const idsBuffers = (candidates: number) =>
  SEARCH_FUNCTION_BUFFERS + PER_ROW * candidates + PAGE_BUFFERS;
/**
 * Many matches: the list index walked until a page is full, one probe per row, so about page ÷
 * match rate rows (a term on 1 lead in 3 here).
 */
const walkBuffers = (matchRate: number) =>
  SEARCH_FUNCTION_BUFFERS + Math.ceil((26 / matchRate) * PER_ROW) + PAGE_BUFFERS;

// Seeded leads (bulk-seed.ts): 10 first names, 10 last names and 10 companies in turn, emails
// first.last<i>@company.example, companies "<name> Inc" for one lead in 3 (else "Ltd").
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
  // A rare word: 11 leads (lovelace4000 … lovelace4009 and lovelace400).
  {
    name: "search, rare term",
    input: () => ({ search: "lovelace400" }),
    maxBuffers: idsBuffers(11),
    search: { path: "ids" },
  },
  {
    name: "search, rare term, one status",
    input: () => ({ search: "lovelace400", status: ["won"] }),
    maxBuffers: idsBuffers(11),
    search: { path: "ids" },
  },
  {
    name: "search, rare term, one owner",
    input: () => ({ search: "lovelace400", ownerMemberId: org.ownerMemberIds[1] }),
    maxBuffers: idsBuffers(11),
    search: { path: "ids" },
  },
  {
    name: "search, one match (an email as typed)",
    input: () => ({ search: "ada.lovelace4000@" }),
    maxBuffers: idsBuffers(1),
    search: { path: "ids" },
  },
  // A common word: 1,667 leads, more than maxIds: walked.
  {
    name: "search, common term",
    input: () => ({ search: "inc" }),
    maxBuffers: walkBuffers(1 / 3),
    search: { path: "walk", walks: "lead_org_created_idx" },
  },
  {
    name: "search, common term, one status",
    input: () => ({ search: "inc", status: ["qualified"] }),
    maxBuffers: walkBuffers(1 / 3),
    search: { path: "walk", walks: "lead_org_status_created_idx" },
  },
  {
    name: "search, common term, one owner",
    input: () => ({ search: "inc", ownerMemberId: org.ownerMemberIds[1] }),
    maxBuffers: walkBuffers(1 / 3),
    search: { path: "walk", walks: "lead_org_owner_created_idx" },
  },
  {
    name: "search, common term, by value",
    input: () => ({ search: "inc", sort: "value" }),
    maxBuffers: walkBuffers(1 / 3),
    search: { path: "walk", walks: "lead_org_value_idx" },
  },
  // 500 leads each: fewer than maxIds, fetched by id (the dearest case the ids path allows is
  // maxIds of them, whatever the organization's size).
  {
    name: "search, a first name (500 leads)",
    input: () => ({ search: "ada" }),
    maxBuffers: idsBuffers(500),
    search: { path: "ids" },
  },
  {
    name: "search, two words (500 candidates, 50 leads)",
    input: () => ({ search: "ada lovelace" }),
    maxBuffers: idsBuffers(500),
    search: { path: "ids" },
  },
];

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Actual Loops": number;
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
/**
 * A second pool on the same database whose connections load auto_explain: the statements
 * search_target_ids runs inside the page query are invisible to EXPLAIN, so their plans come back
 * as notices (JSON, with buffers).
 */
let explained: ReturnType<typeof createDb>;
const nestedPlans: string[] = [];
let org: BulkSeededOrganization;

beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  explained = createDb(t.url, {
    max: 1,
    onNotice: (message) => nestedPlans.push(message),
    connection: {
      session_preload_libraries: "auto_explain",
      "auto_explain.log_min_duration": "0",
      "auto_explain.log_analyze": "on",
      "auto_explain.log_buffers": "on",
      "auto_explain.log_nested_statements": "on",
      "auto_explain.log_format": "json",
      "auto_explain.log_level": "notice",
    },
  });
  // bulkSeed VACUUMs and ANALYZEs the tables, so plans see the real distribution.
  const seeded = await bulkSeed(t.db, {
    organizations: ORGANIZATIONS,
    leadsPerOrganization: LEADS_PER_ORGANIZATION,
  });
  // One in the middle: its rows are neither the first nor the last written.
  const middle = seeded.organizations[Math.floor(ORGANIZATIONS / 2)];
  if (!middle) throw new Error("no organization seeded");
  org = middle;
  // The connection's first call of the search functions compiles them and fills its catalog
  // caches, which counts buffers that have nothing to do with the query.
  await withTenant(explained.db, asSystem(org.id, "test"), ({ db: tx }) =>
    tx.execute(sql`select search_target_ids(array['lead'], search_words('warm up'))`),
  );
}, 180_000);
afterAll(async () => {
  await explained?.sql.end();
  await t?.drop();
});

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

function nodes(root: PlanNode): PlanNode[] {
  return [root, ...(root.Plans ?? []).flatMap(nodes)];
}

/** The plans auto_explain sent for statements run inside the explained one that read search_term. */
function termStatementPlans(): PlanNode[] {
  return nestedPlans.flatMap((message) => {
    const json = message.slice(message.indexOf("{"));
    const parsed: { "Query Text"?: string; Plan?: PlanNode } = JSON.parse(json);
    return parsed.Plan && /\bsearch_term\b/.test(parsed["Query Text"] ?? "") ? [parsed.Plan] : [];
  });
}

let prepared = 0;

/** EXPLAIN (ANALYZE, BUFFERS) of the captured statement in the organization's tenant transaction. */
async function explain(query: CapturedQuery, mode: PlanMode) {
  nestedPlans.length = 0;
  const rows = await withTenant(explained.db, asSystem(org.id, "test"), async ({ db: tx }) => {
    if (mode === "custom")
      return tx.execute<ExplainRow>(sql`explain (analyze, buffers, format json) ${rebuild(query)}`);
    // What a prepared statement runs once PostgreSQL stops planning per execution.
    const name = sql.raw(`lead_plan_${++prepared}`);
    await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
    await tx.execute(sql`prepare ${name} as ${sql.raw(query.text)}`);
    const args = sql.raw(query.parameters.map(literal).join(", "));
    nestedPlans.length = 0;
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
  const all = nodes(result.Plan);
  const ran = (node: PlanNode) => node["Actual Loops"] > 0;
  return {
    scans: onLead.map((n) => n["Node Type"]),
    indexes: [...new Set(onLead.flatMap((n) => (n["Index Name"] ? [n["Index Name"]] : [])))],
    /** The lead indexes the execution actually read (a search's other branch never runs). */
    leadIndexesRead: [
      ...new Set(onLead.filter(ran).flatMap((n) => (n["Index Name"] ? [n["Index Name"]] : []))),
    ],
    /** Executed reads of search_term in the statement itself (the walk's probes). */
    termReads: all.filter((n) => n["Relation Name"] === "search_term" && ran(n)),
    /** Reads of search_term by the statements search_target_ids ran. */
    functionTermReads: termStatementPlans()
      .flatMap(nodes)
      .filter((n) => n["Relation Name"] === "search_term"),
    // The root's counts include its children's, and those of the functions they called:
    // everything execution touched (not planning).
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

const explainedShapes = new Map<string, ReturnType<typeof explainFirstAndDeep>>();

/** Page 1 and a deep page of one shape, EXPLAINed (once per shape and mode: tests share them). */
function firstAndDeep(shape: Shape, mode: PlanMode) {
  const key = `${shape.name}/${mode}`;
  let result = explainedShapes.get(key);
  if (!result) {
    result = explainFirstAndDeep(shape, mode);
    explainedShapes.set(key, result);
  }
  return result;
}

async function explainFirstAndDeep(shape: Shape, mode: PlanMode) {
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

/** A range of one word's terms of the organization, as an index condition. */
const TERM_RANGE = /organization_id = .*kind = .*term >= .*term < /;

describe("lead list plans with 100k leads in 20 organizations, under RLS", () => {
  for (const c of cases) {
    it(`${title(c)}: index on lead, bounded buffers at any depth`, async () => {
      const { first, deep, seen } = await firstAndDeep(c.shape, c.mode);
      const summary = `first page ${first.buffers} buffers (lead ${first.leadBuffers}) ${first.ms.toFixed(2)} ms [${first.leadIndexesRead}]; ${seen} rows in: ${deep.buffers} buffers (lead ${deep.leadBuffers}) ${deep.ms.toFixed(2)} ms [${deep.leadIndexesRead}]`;
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

  for (const c of cases) {
    const { search } = c.shape;
    if (!search) continue;
    const how =
      search.path === "ids"
        ? "its matches found through search_term_term_idx, fetched by primary key"
        : `walks ${search.walks} probing search_term_pk per row`;
    it(`${title(c)}: ${how}`, async () => {
      const { first, deep } = await firstAndDeep(c.shape, c.mode);
      for (const plan of [first, deep]) {
        const summary = JSON.stringify({
          leadIndexesRead: plan.leadIndexesRead,
          termReads: plan.termReads.map((n) => [n["Index Name"], n["Index Cond"]]),
          functionTermReads: plan.functionTermReads.map((n) => [
            n["Node Type"],
            n["Index Name"],
            n["Index Cond"],
          ]),
        });
        // search_target_ids counts each word's terms (and, with few, reads their ids) as range
        // scans of the word index: index-only, under RLS, whatever the path.
        expect(plan.functionTermReads.length, summary).toBeGreaterThan(0);
        for (const read of plan.functionTermReads) {
          expect(read["Node Type"], summary).toMatch(/^Index (Only )?Scan$/);
          expect(read["Index Cond"], summary).toMatch(/organization_id = /);
        }
        expect(
          plan.functionTermReads.some(
            (n) =>
              n["Index Name"] === "search_term_term_idx" && TERM_RANGE.test(n["Index Cond"] ?? ""),
          ),
          summary,
        ).toBe(true);
        if (search.path === "ids") {
          expect(plan.leadIndexesRead, summary).toEqual(["lead_organization_id_id_pk"]);
          expect(plan.termReads, summary).toEqual([]);
        } else {
          expect(plan.leadIndexesRead, summary).toEqual([search.walks]);
          expect(plan.termReads.length, summary).toBeGreaterThan(0);
          for (const probe of plan.termReads) {
            expect(probe["Index Name"], summary).toBe("search_term_pk");
            expect(probe["Index Cond"], summary).toMatch(/target_id = .*term >= .*term < /);
          }
        }
      }
    });
  }

  it(`searches with more than maxIds (${SEARCH_MAX_IDS}) matches walk, fewer are fetched by id`, () => {
    // The shapes above rely on it: 1,667 "inc" leads walk, 500 "ada" leads are fetched.
    expect(SEARCH_MAX_IDS).toBeGreaterThan(500);
    expect(SEARCH_MAX_IDS).toBeLessThan(1667);
  });
});
