import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withGenericPlan } from "./plan.ts";
import { organization } from "./schema/index.ts";
import { asSystem, type TenantDb, withTenant } from "./tenant.ts";
import { createTestDatabase } from "./testing.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let orgId: string;

beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  const [org] = await t.db.insert(organization).values({ name: "A", slug: "org-a" }).returning();
  orgId = org!.id;
});
afterAll(() => t.drop());

const planMode = async (db: TenantDb) => {
  const [row] = await db.execute<{ mode: string }>(
    sql`select current_setting('plan_cache_mode') as mode`,
  );
  return row?.mode;
};

describe("withGenericPlan", () => {
  it("gives the one statement it runs a generic plan, and leaves the transaction's other statements PostgreSQL's default", async () => {
    const seen = await withTenant(t.db, asSystem(orgId, "test"), async ({ db }) => {
      const before = await planMode(db);
      const during = await withGenericPlan(db, () => planMode(db));
      const after = await planMode(db);
      return { before, during, after };
    });
    expect(seen).toEqual({ before: "auto", during: "force_generic_plan", after: "auto" });
  });

  it("fails the transaction with the statement's own error, and writes nothing", async () => {
    await expect(
      withTenant(t.db, asSystem(orgId, "test"), async ({ db }) => {
        await db.execute(sql`update organization set name = 'Renamed' where id = ${orgId}`);
        return withGenericPlan(db, () => db.execute(sql`select 1 / 0`));
      }),
    ).rejects.toMatchObject({ cause: { code: "22012" } });
    const [org] = await t.sql<{ name: string }[]>`select name from organization`;
    expect(org?.name).toBe("A");
  });
});
