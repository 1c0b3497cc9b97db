// The app's connections carry their own time limits (createDb): a runaway statement is cut, and
// so is a transaction left idle, also after the tenant transaction's switch to guild_tenant (a
// role's own `ALTER ROLE … SET statement_timeout` would not apply there: SET ROLE keeps the
// session's settings).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "./client.ts";
import { sql } from "./index.ts";
import { asSystem, withTenant } from "./tenant.ts";
import { createTestDatabase } from "./testing.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(() => t.drop());

const ORG = "00000000-0000-4000-8000-000000000001";

/** The PostgreSQL error code a promise fails with (through drizzle's wrapping), or "OK". */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    for (let e: unknown = error; e && typeof e === "object"; e = "cause" in e ? e.cause : null)
      if ("code" in e && typeof e.code === "string") return e.code;
    return String(error);
  }
}

describe("connection time limits", () => {
  it("default to 30 s a statement and 60 s idle in a transaction, in tenant transactions too", async () => {
    const settings = await withTenant(t.db, asSystem(ORG, "test"), async ({ db }) => {
      const [row] = await db.execute<{ role: string; statement: string; idle: string }>(
        sql`select current_user as role, current_setting('statement_timeout') as statement,
                   current_setting('idle_in_transaction_session_timeout') as idle`,
      );
      return row;
    });
    expect(settings).toEqual({ role: "guild_tenant", statement: "30s", idle: "1min" });
  });

  it("cut a runaway statement with a clean error, and the pool keeps working", async () => {
    const { db, sql: client } = createDb(t.url, { statementTimeoutMs: 200 });
    try {
      const started = Date.now();
      const code = await failure(
        withTenant(db, asSystem(ORG, "test"), ({ db: tx }) => tx.execute(sql`select pg_sleep(5)`)),
      );
      expect(code).toBe("57014");
      expect(Date.now() - started).toBeLessThan(3000);
      const [row] = await db.execute<{ ok: number }>(sql`select 1 as ok`);
      expect(row?.ok).toBe(1);
    } finally {
      await client.end();
    }
  });

  it("end a transaction left idle, releasing what it held", async () => {
    const { db, sql: client } = createDb(t.url, { idleInTransactionTimeoutMs: 200 });
    try {
      const code = await failure(
        db.transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          await new Promise((resolve) => setTimeout(resolve, 1000));
          await tx.execute(sql`select 1`);
        }),
      );
      expect(["25P03", "57P01", "CONNECTION_CLOSED", "CONNECTION_ENDED"]).toContain(code);
      const [row] = await db.execute<{ ok: number }>(sql`select 1 as ok`);
      expect(row?.ok).toBe(1);
    } finally {
      await client.end();
    }
  });
});
