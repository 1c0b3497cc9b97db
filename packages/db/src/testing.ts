// Test databases: one migrated template per run, one copy per test file (fast, parallel-safe).
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { createDb } from "./client.ts";
import { startEmbeddedPostgres } from "./embedded.ts";
import { migrate } from "./migrate.ts";

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
    async drop() {
      await sql.end();
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
