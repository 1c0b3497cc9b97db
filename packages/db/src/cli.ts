// `pnpm db:<command>`: migrate | status | seed | reset [--force] | studio | setup-admin <email> |
// backup [file] | restore <file> [--force] | check, and
// `pnpm jobs:status`
//
// With DATABASE_URL set, works on that database. Without it, on the dev cluster `pnpm dev` uses
// (GUILD_DATA_DIR/postgres, default .data; EMBEDDED_PG_PORT, default 54329; database "guild"):
// reached directly when the dev server is running,
// otherwise started for the command and stopped after it.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql as sqlTag } from "drizzle-orm";
import postgres from "postgres";
import { checkDomains, formatReport, runChecks } from "./checks/index.ts";
import { createDb } from "./client.ts";
import { DEV_DATABASE, ensureDatabase, startEmbeddedPostgres } from "./embedded.ts";
import { env } from "./env.ts";
import { jobsStatus, type TaskStatus } from "./jobs.ts";
import { migrate } from "./migrate.ts";
import { backup, migrationStatus, OperationError, restore } from "./operations.ts";
import { user } from "./schema/index.ts";
import { DEMO_ORG_SLUG, DEMO_PASSWORD, demoUsers, seedDemo } from "./seed.ts";
import { isLocalDatabase, redactPassword } from "./url.ts";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
const repoRoot = join(packageDir, "../..");
const devPort = env.EMBEDDED_PG_PORT;
const devDataDir = join(resolve(repoRoot, env.GUILD_DATA_DIR ?? ".data"), "postgres");
const devUrl = (database: string) => `postgres://guild:guild@127.0.0.1:${devPort}/${database}`;

const usage = `Usage: pnpm db:<command>
  migrate               apply the committed migrations
  status                applied and pending migrations, and the job queue's schema revision
  backup [file]         write a backup with pg_dump (default guild-<database>-<time>.dump)
  restore <file>        restore a backup with pg_restore into an empty database (--force: replace everything)
  seed                  add the demo organization and users (once)
  reset [--force]       drop everything, migrate and seed (local databases only unless --force)
  studio                open drizzle-kit studio
  setup-admin <email>   make an existing user a platform admin
  check                 counts, balances and every inconsistency (ledger sums, stuck events…); exits 1 on any
  jobs-status           background jobs per task: due, scheduled, running, retrying, failed, last error`;

class CliError extends Error {}

/** The database to work on, and how to let go of it afterwards. */
async function openTarget(
  log: (line: string) => void,
): Promise<{ url: string; release: () => Promise<void> }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, release: async () => {} };
  if (await reachable(devUrl("postgres"))) {
    log(`Using the running dev database (port ${devPort}).`);
    await ensureDatabase(devUrl("postgres"));
    return { url: devUrl(DEV_DATABASE), release: async () => {} };
  }
  log(`Starting the dev database (${devDataDir})…`);
  const pgLog: string[] = [];
  const pg = await startEmbeddedPostgres({
    dataDir: devDataDir,
    port: devPort,
    persistent: true,
    log: (line) => pgLog.push(line),
  }).catch((error: unknown) => {
    throw new CliError(
      `Could not start the dev database in ${devDataDir}: ${String(error)}\n${pgLog.join("\n")}`,
    );
  });
  try {
    await ensureDatabase(pg.url);
  } catch (error) {
    await pg.stop();
    throw error;
  }
  return { url: pg.urlFor(DEV_DATABASE), release: () => pg.stop() };
}

async function reachable(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

async function withDb<T>(
  url: string,
  fn: (db: ReturnType<typeof createDb>["db"]) => Promise<T>,
): Promise<T> {
  const { db, sql } = createDb(url, { max: 1 });
  try {
    return await fn(db);
  } finally {
    await sql.end();
  }
}

async function seed(url: string, log: (line: string) => void) {
  const { created, added } = await withDb(url, (db) => seedDemo(db));
  if (created)
    log(
      `Seeded organization "${DEMO_ORG_SLUG}": ${demoUsers.map((u) => u.email).join(", ")} (password "${DEMO_PASSWORD}").`,
    );
  else if (added.length > 0)
    log(`Organization "${DEMO_ORG_SLUG}" already exists: added its missing ${added.join(", ")}.`);
  else log(`Organization "${DEMO_ORG_SLUG}" already exists: nothing to seed.`);
}

async function reset(url: string, log: (line: string) => void) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // Schemas, not the database: a running dev server keeps its connections.
    await sql.unsafe(
      "drop schema if exists drizzle cascade; drop schema if exists graphile_worker cascade; drop schema public cascade; create schema public;",
    );
  } finally {
    await sql.end();
  }
  log("Dropped schemas public, drizzle and graphile_worker (the job queue).");
  await migrate(url);
  log("Migrated.");
  await seed(url, log);
}

async function setupAdmin(url: string, email: string, log: (line: string) => void) {
  const updated = await withDb(url, (db) =>
    db
      .update(user)
      .set({ role: "admin" })
      .where(eq(sqlTag`lower(${user.email})`, email.toLowerCase()))
      .returning({ email: user.email }),
  );
  const [admin] = updated;
  if (!admin)
    throw new CliError(`No user with email ${email}: sign up first, then run this again.`);
  log(`${admin.email} is now a platform admin.`);
}

function printJobsStatus(rows: TaskStatus[], log: (line: string) => void) {
  if (rows.length === 0) {
    log("No jobs waiting, running or failed.");
    return;
  }
  const header = ["task", "due", "scheduled", "running", "retrying", "failed", "stuck"];
  const table = rows.map((r) => [
    r.task,
    String(r.due),
    String(r.scheduled),
    String(r.running),
    String(r.retrying),
    String(r.failed),
    String(r.stuck),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...table.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  log(line(header));
  for (const row of table) log(line(row));
  for (const r of rows)
    if (r.last_error)
      log(`last error of ${r.task} (${r.last_error_at?.toISOString() ?? "?"}): ${r.last_error}`);
}

function studio(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(packageDir, "node_modules/.bin/drizzle-kit"), ["studio"], {
      cwd: packageDir,
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: url },
    });
    // Ctrl-C reaches the child through the terminal; wait for it so the database stops after.
    const ignore = () => {};
    process.on("SIGINT", ignore);
    process.on("SIGTERM", () => child.kill("SIGTERM"));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", ignore);
      if (code === 0 || signal === "SIGINT" || signal === "SIGTERM") resolve();
      else reject(new CliError(`drizzle-kit studio exited with ${code ?? signal}`));
    });
  });
}

/** A path as the person typed it: pnpm runs this in packages/db, INIT_CWD is where they were. */
const fromWhereTyped = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

async function status(url: string, log: (line: string) => void) {
  const state = await migrationStatus(url);
  log(`Migrations: ${state.applied.length} applied, ${state.pending.length} pending`);
  if (state.applied.length > 0) log(`  last applied: ${state.applied.at(-1)}`);
  for (const tag of state.pending) log(`  pending:      ${tag}`);
  const { revision, latest } = state.jobQueue;
  log(
    revision === null
      ? `Job queue (graphile-worker): not installed, revision ${latest} pending`
      : `Job queue (graphile-worker): schema revision ${revision}${revision < latest ? `, ${latest - revision} pending (up to ${latest})` : " (up to date)"}`,
  );
  if (state.pending.length > 0 || revision === null || revision < latest)
    log("Run `pnpm db:migrate` (or start the server) to apply what is pending.");
}

async function main(argv: string[], log: (line: string) => void): Promise<void> {
  const args = argv.filter((a) => a !== "--");
  const force = args.includes("--force");
  const [command, ...rest] = args.filter((a) => !a.startsWith("--"));

  if (command === "setup-admin" && !rest[0])
    throw new CliError("Usage: pnpm db:setup-admin <email>");
  if (command === "restore" && !rest[0])
    throw new CliError("Usage: pnpm db:restore <file> [--force]");
  const commands = [
    "migrate",
    "status",
    "seed",
    "reset",
    "studio",
    "setup-admin",
    "jobs-status",
    "check",
  ];
  if (!command || ![...commands, "backup", "restore"].includes(command)) throw new CliError(usage);
  if (command === "reset" && env.DATABASE_URL && !isLocalDatabase(env.DATABASE_URL) && !force)
    throw new CliError(
      `Refusing to reset ${redactPassword(env.DATABASE_URL)}: it is not a local database. ` +
        "Everything in it would be deleted. Run with --force if you really mean it.",
    );

  const target = await openTarget(log);
  try {
    log(`Database: ${redactPassword(target.url)}`);
    switch (command) {
      case "migrate":
        await migrate(target.url);
        log("Migrated.");
        break;
      case "seed":
        await seed(target.url, log);
        break;
      case "reset":
        await reset(target.url, log);
        break;
      case "studio":
        await studio(target.url);
        break;
      case "setup-admin":
        await setupAdmin(target.url, rest[0] ?? "", log);
        break;
      case "status":
        await status(target.url, log);
        break;
      case "backup": {
        const database = new URL(target.url).pathname.slice(1);
        const time = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
        const file = fromWhereTyped(rest[0] ?? `guild-${database}-${time}.dump`);
        const tool = await backup(target.url, file);
        log(`Backed up to ${file} (${tool}).`);
        break;
      }
      case "restore": {
        const file = fromWhereTyped(rest[0] ?? "");
        const tool = await restore(target.url, file, force);
        log(`Restored ${file} (${tool}) and migrated.`);
        break;
      }
      case "jobs-status":
        printJobsStatus(await jobsStatus(target.url), log);
        break;
      case "check": {
        const report = await withDb(target.url, (db) => runChecks(db, checkDomains));
        for (const line of formatReport(report)) log(line);
        // The report is on stdout; the failure is the exit code.
        if (report.inconsistencies > 0) throw new CliError("db:check found inconsistencies.");
        break;
      }
    }
  } finally {
    await target.release();
  }
}

main(process.argv.slice(2), (line) => console.log(line)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      error instanceof CliError || error instanceof OperationError ? error.message : error,
    );
    process.exit(1);
  },
);
