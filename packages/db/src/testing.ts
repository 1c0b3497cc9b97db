// Test databases: one migrated template per run, one copy per test file (fast, parallel-safe).
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SQLWrapper, sql } from "drizzle-orm";
import postgres from "postgres";
import { createDb } from "./client.ts";
import { startEmbeddedPostgres } from "./embedded.ts";
import { migrate } from "./migrate.ts";
import type { MemberActor, TenantScope } from "./scope.ts";

export const TEMPLATE_DATABASE = "guild_template";

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Starts a throwaway cluster and migrates the template. For vitest globalSetup and benches. */
export async function startTestCluster() {
  const dataDir = await mkdtemp(join(tmpdir(), "guild-pg-"));
  const pg = await startEmbeddedPostgres({ dataDir, persistent: false });
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  await migrate(pg.urlFor(TEMPLATE_DATABASE));
  return pg;
}

/** A fresh, migrated database copied from the template. */
export async function createTestDatabase(adminUrl: string) {
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${TEMPLATE_DATABASE}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const { db, sql } = createDb(url);
  return {
    url,
    db,
    sql,
    /**
     * Runs a test's bulk setup (tens of thousands of rows in one statement) in one transaction
     * without the client's statement timeout: on a loaded machine such an insert outlasts the
     * 30 s meant for the app's statements, and the test would fail before measuring anything.
     */
    bulk<T>(setup: (tx: postgres.TransactionSql) => Promise<T>) {
      return sql.begin(async (tx) => {
        await tx`set local statement_timeout = 0`;
        return setup(tx);
      });
    },
    async drop() {
      await sql.end();
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** One node of `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)`: the fields plan tests look at. */
export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Scan Direction"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
}

const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

/**
 * Runs `query` under EXPLAIN (ANALYZE, BUFFERS) on `db` (a tenant transaction's, so row-level
 * security and its generic plans are what is measured): every node of the plan, top first, the
 * buffers the statement touched (the root's count includes its children's) and its time.
 */
export async function explainAnalyze(db: TenantScope["db"], query: SQLWrapper) {
  const rows = await db.execute<{
    "QUERY PLAN": Array<{ Plan: PlanNode; "Execution Time": number }>;
  }>(sql`explain (analyze, buffers, format json) ${query}`);
  const result = rows[0]?.["QUERY PLAN"][0];
  if (!result) throw new Error("EXPLAIN gave no plan");
  const plan = result.Plan;
  return {
    plan,
    nodes: flatten(plan),
    buffers: (plan["Shared Hit Blocks"] ?? 0) + (plan["Shared Read Blocks"] ?? 0),
    ms: result["Execution Time"],
  };
}

/**
 * A new user made a plain member of the organization: the reader plan tests run a service's
 * statement as (inside withTenant, so row-level security and the visibility rule apply).
 */
export async function insertReader(db: postgres.Sql, organizationId: string): Promise<MemberActor> {
  const [reader] = await db<{ memberId: string; userId: string }[]>`
    with person as (
      insert into "user" (name, email, email_verified)
      values ('Reader', 'reader-' || gen_random_uuid() || '@plan.test', true)
      returning id)
    insert into member (organization_id, user_id, role)
    select ${organizationId}, id, 'member' from person
    returning id as "memberId", user_id as "userId"`;
  if (!reader) throw new Error("insertReader: no member");
  return { kind: "member", ...reader, role: "member", crmAccess: false };
}
