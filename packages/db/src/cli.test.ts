// `pnpm db:*` as a developer runs it: the CLI in a child process, pointed at a database by
// DATABASE_URL.
import { execFile } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, postmasterPid } from "./embedded.ts";
import { lead, organization, user } from "./schema/index.ts";
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
    expect(leads).toHaveLength(50);
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
