// `pnpm db:*` as a developer runs it: the CLI in a child process, pointed at a database by
// DATABASE_URL.
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, postmasterPid } from "./embedded.ts";
import { migrationsFolder } from "./migrate.ts";
import { lead, organization, user } from "./schema/index.ts";
import { DEMO_LEAD_COUNT } from "./seed.ts";
import { auditTables } from "./tenancy-audit.ts";
import { asSystem, withTenant } from "./tenant.ts";
import { createTestDatabase } from "./testing.ts";

const packageDir = fileURLToPath(new URL("../", import.meta.url));

function runCli(args: string[], databaseUrl: string | Record<string, string>) {
  const env: Record<string, string | undefined> =
    typeof databaseUrl === "string"
      ? { ...process.env, DATABASE_URL: databaseUrl }
      : { ...process.env, DATABASE_URL: undefined, ...databaseUrl };
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["src/cli.ts", ...args],
      { cwd: packageDir, env, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(() => t.drop());

describe("db:reset", () => {
  it("refuses a database that is not local unless --force, before touching it", async () => {
    const remote = "postgres://app:s3cret@db.prod.invalid:5432/guild";
    const result = await runCli(["reset"], remote);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Refusing to reset");
    expect(result.stderr).toContain("--force");
    expect(result.stderr).toContain("db.prod.invalid");
    // The password is not printed.
    expect(result.stderr).not.toContain("s3cret");
    expect(result.stdout).not.toContain("Dropped");
  });

  it("wipes a local database, migrates it and seeds the demo", async () => {
    await t.db.insert(organization).values({ name: "Scratch", slug: "scratch" });
    const result = await runCli(["reset"], t.url);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Seeded organization "demo"');

    const orgs = await t.db.select({ slug: organization.slug }).from(organization);
    expect(orgs.map((o) => o.slug)).toEqual(["demo"]);
    const demo = await t.db.query.organization.findFirst({ where: eq(organization.slug, "demo") });
    if (!demo) throw new Error("demo organization missing");
    const leads = await withTenant(t.db, asSystem(demo.id, "test"), ({ db: tx }) =>
      tx.select().from(lead),
    );
    expect(leads).toHaveLength(DEMO_LEAD_COUNT);
    // The tenancy rules (RLS, policies, grants) are back in place after the wipe.
    expect(await auditTables(t.sql)).toEqual([]);
  });
});

describe("db:setup-admin", () => {
  it("makes an existing user a platform admin, matching the email case-insensitively", async () => {
    await t.db
      .insert(user)
      .values({ name: "Root", email: "root@cli.example", emailVerified: true });
    const result = await runCli(["setup-admin", "Root@CLI.example"], t.url);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("root@cli.example is now a platform admin");
    const [row] = await t.db.select().from(user).where(eq(user.email, "root@cli.example"));
    expect(row?.role).toBe("admin");
  });

  it("fails clearly for an unknown email and changes nobody", async () => {
    const roles = () =>
      t.db.select({ email: user.email, role: user.role }).from(user).orderBy(user.email);
    const before = await roles();
    const result = await runCli(["setup-admin", "ghost@cli.example"], t.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("No user with email ghost@cli.example");
    expect(await roles()).toEqual(before);
  });

  it("asks for the email when it is missing", async () => {
    const result = await runCli(["setup-admin"], t.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Usage: pnpm db:setup-admin <email>");
  });
});

describe("without DATABASE_URL", () => {
  it("works on the dev database where pnpm dev keeps it (GUILD_DATA_DIR, EMBEDDED_PG_PORT)", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "guild-cli-"));
    // As root, initdb runs as the postgres user, which must be able to enter the folder.
    await chmod(dataDir, 0o755);
    try {
      const env = { GUILD_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
      const migrated = await runCli(["migrate"], env);
      expect(migrated.code, migrated.stderr).toBe(0);
      expect(migrated.stdout).toContain(`Starting the dev database (${join(dataDir, "postgres")})`);
      const seeded = await runCli(["seed"], env);
      expect(seeded.code, seeded.stderr).toBe(0);
      // Started for the command and stopped after it.
      expect(await postmasterPid(join(dataDir, "postgres"))).toBeNull();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("db:status", () => {
  it("lists applied and pending migrations and the job queue's revision", async () => {
    const journal: { entries: Array<{ tag: string }> } = JSON.parse(
      await readFile(join(migrationsFolder, "meta/_journal.json"), "utf8"),
    );
    const last = journal.entries.at(-1)?.tag ?? "";
    const current = await runCli(["status"], t.url);
    expect(current.code, current.stderr).toBe(0);
    expect(current.stdout).toContain(`Migrations: ${journal.entries.length} applied, 0 pending`);
    expect(current.stdout).toMatch(
      /Job queue \(graphile-worker\): schema revision \d+ \(up to date\)/,
    );

    // A database one migration behind (a copy, so the other tests keep theirs).
    const behind = await createTestDatabase(inject("pgAdminUrl"));
    try {
      await behind.sql`delete from drizzle.__drizzle_migrations
        where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`;
      const status = await runCli(["status"], behind.url);
      expect(status.stdout).toContain(`${journal.entries.length - 1} applied, 1 pending`);
      expect(status.stdout).toContain(`pending:      ${last}`);
      expect(status.stdout).toContain("Run `pnpm db:migrate`");
    } finally {
      await behind.drop();
    }
  });
});

/**
 * A PostgreSQL cluster of the operating system's own version (Debian: /usr/lib/postgresql/N),
 * whose pg_dump and pg_restore are on the machine: the embedded PostgreSQL 18 ships none, and a
 * client program refuses a newer server than itself.
 */
async function startSystemPostgres() {
  const root = "/usr/lib/postgresql";
  const version = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin/postgres")))
        .sort((a, b) => Number(b) - Number(a))[0]
    : undefined;
  if (!version)
    throw new Error("no PostgreSQL server in /usr/lib/postgresql: apt-get install postgresql-15");
  const bin = join(root, version, "bin");
  const dir = await mkdtemp(join(tmpdir(), "guild-system-pg-"));
  await chmod(dir, 0o755);
  // As root, PostgreSQL runs as the postgres user.
  const asRoot = process.getuid?.() === 0;
  const exec = (program: string, args: string[]) =>
    new Promise<void>((resolve, reject) =>
      execFile(
        asRoot ? "runuser" : join(bin, program),
        asRoot ? ["-u", "postgres", "--", join(bin, program), ...args] : args,
        { timeout: 30_000 },
        (error, _stdout, stderr) =>
          error ? reject(new Error(stderr || String(error))) : resolve(),
      ),
    );
  if (asRoot) {
    const [uid, gid] = await new Promise<[number, number]>((resolve, reject) =>
      execFile("id", ["-u", "postgres"], (e1, uid) =>
        e1
          ? reject(e1)
          : execFile("id", ["-g", "postgres"], (e2, gid) =>
              e2 ? reject(e2) : resolve([Number(uid), Number(gid)]),
            ),
      ),
    );
    await chown(dir, uid, gid);
  }
  const data = join(dir, "data");
  const port = await freePort();
  await exec("initdb", ["-D", data, "-U", "guild", "--auth=trust"]);
  await exec("pg_ctl", [
    "-D",
    data,
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    "-l",
    join(dir, "log"),
    "-w",
    "start",
  ]);
  const url = (database: string) => `postgres://guild@127.0.0.1:${port}/${database}`;
  const admin = postgres(url("postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe("create database source");
  await admin.unsafe("create database copy");
  await admin.end();
  return {
    url,
    async stop() {
      await exec("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe("db:backup and db:restore", () => {
  it("round-trips a database with pg_dump and pg_restore, and restores over data only with --force", async () => {
    const system = await startSystemPostgres();
    const dumpDir = await mkdtemp(join(tmpdir(), "guild-backup-"));
    try {
      const source = system.url("source");
      expect((await runCli(["migrate"], source)).code).toBe(0);
      const seeded = await runCli(["seed"], source);
      expect(seeded.code, seeded.stderr).toBe(0);

      const file = join(dumpDir, "guild.dump");
      const backedUp = await runCli(["backup", file], source);
      expect(backedUp.code, backedUp.stderr).toBe(0);
      expect(backedUp.stdout).toContain(`Backed up to ${file}`);

      const copy = system.url("copy");
      const restored = await runCli(["restore", file], copy);
      expect(restored.code, restored.stderr).toBe(0);
      const count = async (url: string) => {
        const sql = postgres(url, { max: 1, onnotice: () => {} });
        try {
          const [row] = await sql<{ leads: number; users: number }[]>`
            select (select count(*)::int from lead) as leads,
                   (select count(*)::int from "user") as users`;
          return row;
        } finally {
          await sql.end();
        }
      };
      expect(await count(copy)).toEqual(await count(source));
      expect(await count(copy)).toEqual({ leads: DEMO_LEAD_COUNT, users: 3 });
      // Up to date and secured like a migrated database.
      const status = await runCli(["status"], copy);
      expect(status.stdout).toContain(", 0 pending");
      const sql = postgres(copy, { max: 1, onnotice: () => {} });
      try {
        expect(await auditTables(sql)).toEqual([]);
      } finally {
        await sql.end();
      }

      // Not over a database that has data, unless asked to replace it.
      const refused = await runCli(["restore", file], copy);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("Refusing to restore into a database that has");
      expect(refused.stderr).toContain("--force");
      const forced = await runCli(["restore", file, "--force"], copy);
      expect(forced.code, forced.stderr).toBe(0);
      expect(await count(copy)).toEqual({ leads: DEMO_LEAD_COUNT, users: 3 });
    } finally {
      await rm(dumpDir, { recursive: true, force: true });
      await system.stop();
    }
  }, 120_000);

  it("asks for the file to restore", async () => {
    const result = await runCli(["restore"], t.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Usage: pnpm db:restore <file> [--force]");
  });
});
