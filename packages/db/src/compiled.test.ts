// compiledSelect: built once per shape, yet every run sees its own values, returns what drizzle's
// own query returns, and stays inside the tenant transaction's row-level security.
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { compiledSelect } from "./compiled.ts";
import { lead, organization } from "./schema/index.ts";
import { asSystem, type TenantDb, withTenant } from "./tenant.ts";
import { createTestDatabase } from "./testing.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  const [a, b] = await t.db
    .insert(organization)
    .values([
      { name: "A", slug: "compiled-a" },
      { name: "B", slug: "compiled-b" },
    ])
    .returning();
  orgA = a!.id;
  orgB = b!.id;
  const leads = (organizationId: string, prefix: string) =>
    (["new", "won", "lost"] as const).map((status, i) => ({
      organizationId,
      name: `${prefix} ${status}`,
      status,
      valueCents: 100 * (i + 1),
      createdAt: new Date(Date.UTC(2026, 0, i + 1)),
    }));
  await withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
    tx.insert(lead).values(leads(orgA, "A")),
  );
  await withTenant(t.db, asSystem(orgB, "test"), ({ db: tx }) =>
    tx.insert(lead).values(leads(orgB, "B")),
  );
});
afterAll(() => t.drop());

interface Shape {
  statuses: number;
}

const builds: Shape[] = [];
const byStatus = compiledSelect((tx: TenantDb, shape: Shape) => {
  builds.push(shape);
  const statuses = Array.from({ length: shape.statuses }, (_, i) => sql.placeholder(`s${i}`));
  return tx
    .select({ name: lead.name, createdAt: lead.createdAt, valueCents: lead.valueCents })
    .from(lead)
    .where(and(eq(lead.organizationId, sql.placeholder("org")), inArray(lead.status, statuses)))
    .orderBy(lead.createdAt);
});

describe("compiledSelect", () => {
  it("builds each shape once and runs it with each call's own values", async () => {
    const won = await withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
      byStatus(tx, { statuses: 1 }, { org: orgA, s0: "won" }),
    );
    const lost = await withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
      byStatus(tx, { statuses: 1 }, { org: orgA, s0: "lost" }),
    );
    const two = await withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
      byStatus(tx, { statuses: 2 }, { org: orgA, s0: "new", s1: "lost" }),
    );
    expect(won.map((r) => r.name)).toEqual(["A won"]);
    expect(lost.map((r) => r.name)).toEqual(["A lost"]);
    expect(two.map((r) => r.name)).toEqual(["A new", "A lost"]);
    expect(builds).toEqual([{ statuses: 1 }, { statuses: 2 }]);
  });

  it("returns exactly what the same drizzle query returns, Dates included", async () => {
    const [compiled, direct] = await withTenant(
      t.db,
      asSystem(orgB, "test"),
      async ({ db: tx }) => [
        await byStatus(tx, { statuses: 2 }, { org: orgB, s0: "won", s1: "new" }),
        await tx
          .select({ name: lead.name, createdAt: lead.createdAt, valueCents: lead.valueCents })
          .from(lead)
          .where(and(eq(lead.organizationId, orgB), inArray(lead.status, ["won", "new"])))
          .orderBy(lead.createdAt),
      ],
    );
    expect(compiled).toEqual(direct);
    expect(compiled[0]?.createdAt).toBeInstanceOf(Date);
  });

  it("maps sql fields, nulls and a CTE's columns exactly as drizzle's own query does", async () => {
    const select = (tx: TenantDb, org: string | ReturnType<typeof sql.placeholder>) => {
      const page = tx
        .$with("page")
        .as(
          tx
            .select({ id: lead.id, createdAt: lead.createdAt, company: lead.company })
            .from(lead)
            .where(eq(lead.organizationId, org)),
        );
      return tx
        .with(page)
        .select({
          createdAt: page.createdAt,
          company: page.company,
          doubled: sql<number>`${lead.valueCents} * 2`.mapWith(Number),
          shouted: sql<string>`upper(${lead.name})`.as("shouted"),
        })
        .from(page)
        .innerJoin(lead, eq(lead.id, page.id))
        .orderBy(page.createdAt);
    };
    const compiledMapped = compiledSelect((tx: TenantDb) => select(tx, sql.placeholder("org")));
    const [compiled, direct] = await withTenant(
      t.db,
      asSystem(orgA, "test"),
      async ({ db: tx }) => {
        // Microseconds too, which a Date drops.
        await tx.execute(sql`update ${lead} set created_at = created_at + interval '0.123456 s'`);
        return [await compiledMapped(tx, {}, { org: orgA }), await select(tx, orgA)];
      },
    );
    expect(compiled).toEqual(direct);
    expect(compiled).toHaveLength(3);
    expect(compiled[0]).toMatchObject({ company: null, doubled: 200, shouted: "A NEW" });
    expect(compiled[0]?.createdAt).toBeInstanceOf(Date);
    expect(compiled[0]?.createdAt.getUTCMilliseconds()).toBe(123);
  });

  it("stays under row-level security: another organization's id finds nothing", async () => {
    const rows = await withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
      byStatus(tx, { statuses: 1 }, { org: orgB, s0: "won" }),
    );
    expect(rows).toEqual([]);
  });

  it("refuses to run with a value missing", async () => {
    await expect(
      withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
        byStatus(tx, { statuses: 2 }, { org: orgA, s0: "won" }),
      ),
    ).rejects.toThrow(/s1/);
  });

  it("keeps at most maxShapes, dropping the least recently used", async () => {
    const built: number[] = [];
    const small = compiledSelect(
      (tx: TenantDb, shape: { statuses: number }) => {
        built.push(shape.statuses);
        const statuses = Array.from({ length: shape.statuses }, (_, i) => sql.placeholder(`s${i}`));
        return tx.select({ name: lead.name }).from(lead).where(inArray(lead.status, statuses));
      },
      { maxShapes: 2 },
    );
    const values = { s0: "won", s1: "won", s2: "won" };
    await withTenant(t.db, asSystem(orgA, "test"), async ({ db: tx }) => {
      await small(tx, { statuses: 1 }, values);
      await small(tx, { statuses: 2 }, values);
      await small(tx, { statuses: 1 }, values); // used again: now the newest
      await small(tx, { statuses: 3 }, values); // evicts 2, the least recently used
      await small(tx, { statuses: 1 }, values);
      await small(tx, { statuses: 2 }, values);
    });
    expect(built).toEqual([1, 2, 3, 2]);
  });
});
