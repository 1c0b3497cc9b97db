import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "./client.ts";
import { migrate } from "./migrate.ts";
import { lead, member, organization, tableCategories, user } from "./schema/index.ts";
import { auditTables, organizationTables } from "./tenancy-audit.ts";
import { asSystem, withTenant } from "./tenant.ts";
import { createTestDatabase } from "./testing.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  const orgs = await t.db
    .insert(organization)
    .values([
      { name: "A", slug: "org-a" },
      { name: "B", slug: "org-b" },
    ])
    .returning();
  orgA = orgs[0]!.id;
  orgB = orgs[1]!.id;
  await withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
    tx.insert(lead).values({ organizationId: orgA, name: "Lead of A" }),
  );
  await withTenant(t.db, asSystem(orgB, "test"), ({ db: tx }) =>
    tx.insert(lead).values({ organizationId: orgB, name: "Lead of B" }),
  );
});
afterAll(() => t.drop());

describe("tables in the catalog", () => {
  it("all follow their category's rules: org-first keys, paired foreign keys, forced RLS, policy, grants", async () => {
    expect(organizationTables()).toContain("lead");
    expect(await auditTables(t.sql)).toEqual([]);
  });

  it("migrate() refuses a table with no category, and secures a declared one", async () => {
    await t.sql.unsafe(`
      create table bad_widget (id uuid primary key, organization_id uuid not null references organization(id),
        code text unique);
      create table good_widget (organization_id uuid not null references organization(id) on delete cascade,
        id uuid not null default gen_random_uuid(), primary key (organization_id, id));
      create table own_widget (organization_id uuid not null references organization(id) on delete cascade,
        id uuid not null default gen_random_uuid(), member_id uuid not null,
        primary key (organization_id, id));`);
    expect(await auditTables(t.sql)).toEqual(
      expect.arrayContaining([
        "bad_widget: no category (declare it with tenantTable, memberOwnedTable, preTenantTable or globalTable)",
        "good_widget: no category (declare it with tenantTable, memberOwnedTable, preTenantTable or globalTable)",
      ]),
    );
    await expect(migrate(t.url)).rejects.toThrow(/table bad_widget has no category/);

    const categories = new Map([
      ...tableCategories(),
      ["bad_widget", "tenant"],
      ["good_widget", "tenant"],
      ["own_widget", "member-owned"],
    ] as const);
    await migrate(t.url, { categories });
    const after = await auditTables(t.sql, categories);
    expect(after.filter((p) => !p.startsWith("bad_widget"))).toEqual([]);
    expect(after).toEqual(
      expect.arrayContaining([
        "bad_widget: primary key (id) must start with organization_id",
        "bad_widget: unique index bad_widget_code_key lacks organization_id",
      ]),
    );
    // A second permissive policy is OR-ed with the org policy: it opens the table, so it is flagged.
    await t.sql.unsafe("create policy everyone on good_widget to guild_tenant using (true)");
    expect(await auditTables(t.sql, categories)).toContain(
      "good_widget: permissive policy everyone widens the tenant policy",
    );
    // A table that forgot organization_id would be shared by every organization.
    await t.sql.unsafe("create table widget_part (id uuid primary key, widget_id uuid)");
    expect(
      await auditTables(t.sql, new Map([...categories, ["widget_part", "tenant"] as const])),
    ).toContain("widget_part: declared tenant but has no organization_id");
    await t.sql.unsafe("drop table widget_part, bad_widget, good_widget, own_widget");
  });
});

describe("withTenant", () => {
  it("sees only its own organization's rows even without a where clause", async () => {
    const rows = await withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
      tx.select().from(lead),
    );
    expect(rows.map((r) => r.name)).toEqual(["Lead of A"]);
  });

  it("refuses to write a row for another organization (WITH CHECK)", async () => {
    await expect(
      withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
        tx.insert(lead).values({ organizationId: orgB, name: "sneaky" }),
      ),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
    const bLeads = await withTenant(t.db, asSystem(orgB, "test"), ({ db: tx }) =>
      tx.select().from(lead),
    );
    expect(bLeads.map((r) => r.name)).toEqual(["Lead of B"]);
  });

  it("cannot update or delete another organization's rows", async () => {
    const updated = await withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
      tx.update(lead).set({ name: "hijacked" }).where(eq(lead.organizationId, orgB)).returning(),
    );
    expect(updated).toEqual([]);
    const deleted = await withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
      tx.delete(lead).returning(),
    );
    expect(deleted.map((r) => r.name)).toEqual(["Lead of A"]);
    await withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
      tx.insert(lead).values({ organizationId: orgA, name: "Lead of A" }),
    );
  });

  it("sees only its own organization row and its own members' profiles", async () => {
    const [alice] = await t.db
      .insert(user)
      .values({ name: "Alice", email: "alice@a.test" })
      .returning();
    const [bob] = await t.db.insert(user).values({ name: "Bob", email: "bob@b.test" }).returning();
    await t.db.insert(member).values([
      { organizationId: orgA, userId: alice!.id, role: "owner" },
      { organizationId: orgB, userId: bob!.id, role: "owner" },
    ]);
    const seen = await withTenant(t.db, asSystem(orgA, "test"), async ({ db: tx }) => ({
      orgs: await tx.select({ slug: organization.slug }).from(organization),
      members: await tx.select({ userId: member.userId }).from(member),
      users: await tx.select({ email: user.email }).from(user),
    }));
    expect(seen.orgs).toEqual([{ slug: "org-a" }]);
    expect(seen.members).toEqual([{ userId: alice!.id }]);
    expect(seen.users).toEqual([{ email: "alice@a.test" }]);
  });

  it("outside a tenant scope, a pooled connection that held a tenant sees nothing under the tenant role", async () => {
    // Trap 1 in stack.md: after set_config(..., true) the setting reads '' on that connection.
    const rows = await t.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'guild_tenant', true)`);
      return tx.select().from(lead);
    });
    expect(rows).toEqual([]);
  });
});

// tenant.ts opens its transactions itself (BEGIN and the settings statement in one round trip):
// they must keep postgres.js's begin() rules.
describe("the tenant transaction", () => {
  const leadsOfA = () =>
    withTenant(t.db, asSystem(orgA, "test"), async ({ db: tx }) =>
      (await tx.select({ name: lead.name }).from(lead)).map((r) => r.name).sort(),
    );

  it("is all or nothing: an error rolls back what it wrote", async () => {
    await expect(
      withTenant(t.db, asSystem(orgA, "test"), async ({ db: tx }) => {
        await tx.insert(lead).values({ organizationId: orgA, name: "Written, then undone" });
        throw new Error("the service failed");
      }),
    ).rejects.toThrow("the service failed");
    expect(await leadsOfA()).toEqual(["Lead of A"]);
  });

  it("fails with the first failed statement even when the code caught it, and writes nothing", async () => {
    const outcome = withTenant(t.db, asSystem(orgA, "test"), async ({ db: tx }) => {
      await tx.insert(lead).values({ organizationId: orgA, name: "Before the failure" });
      await tx.execute(sql`select 1 / 0`).catch(() => "swallowed");
      return "looks fine";
    });
    await expect(outcome).rejects.toMatchObject({ code: "22012" });
    expect(await leadsOfA()).toEqual(["Lead of A"]);
  });

  it("runs a nested transaction as a savepoint: its failure undoes only its own writes", async () => {
    await withTenant(t.db, asSystem(orgA, "test"), async ({ db: tx }) => {
      await tx.insert(lead).values({ organizationId: orgA, name: "Outer" });
      await tx
        .transaction(async (inner) => {
          await inner.insert(lead).values({ organizationId: orgA, name: "Inner, undone" });
          await inner.execute(sql`select 1 / 0`);
        })
        .catch(() => "the inner part failed");
      await tx.transaction((inner) =>
        inner.insert(lead).values({ organizationId: orgA, name: "Inner, kept" }),
      );
    });
    expect(await leadsOfA()).toEqual(["Inner, kept", "Lead of A", "Outer"]);
    await withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
      tx.delete(lead).where(sql`${lead.name} in ('Outer', 'Inner, kept')`),
    );
  });

  it("gives its connection back clean after a failure: no tenant role or settings are left", async () => {
    const single = createDb(t.url, { max: 1 });
    try {
      await expect(
        withTenant(single.db, asSystem(orgA, "test"), async ({ db: tx }) => {
          await tx.execute(sql`select 1 / 0`);
        }),
      ).rejects.toMatchObject({ cause: { code: "22012" } });
      const [after] = await single.sql<[{ role: string; organization: string | null }]>`
        select current_user as role, current_setting('app.organization_id', true) as organization`;
      expect(after?.role).not.toBe("guild_tenant");
      expect(after?.organization ?? "").toBe("");
      // And the next tenant transaction on that one connection works as usual.
      expect(
        await withTenant(single.db, asSystem(orgB, "test"), async ({ db: tx }) =>
          (await tx.select({ name: lead.name }).from(lead)).map((r) => r.name),
        ),
      ).toEqual(["Lead of B"]);
    } finally {
      await single.sql.end();
    }
  });

  it("lets the pool close at once when it ends during the transaction: the transaction commits, then its connection closes", async () => {
    // Shutdown ends the pool while requests may still be in a transaction. postgres.js's begin()
    // closes such a connection after COMMIT; a reserved connection given back went to the idle
    // list instead, and end() waited its whole timeout for it (porsager/postgres#925).
    const own = createDb(t.url, { max: 2 });
    let ending: Promise<void> | null = null;
    const started = performance.now();
    const names = await withTenant(own.db, asSystem(orgA, "test"), async ({ db: tx }) => {
      ending = own.sql.end({ timeout: 5 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      return (await tx.select({ name: lead.name }).from(lead)).map((r) => r.name);
    });
    expect(names).toEqual(["Lead of A"]);
    await ending;
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("survives the server closing its connection: the transactions on it fail, none waits forever, the pool goes on", async () => {
    // The server closes connections (idle-in-transaction timeout, a restart, an operator's
    // pg_terminate_backend). postgres.js then lost a transaction queued for that connection
    // (porsager/postgres#1195), wrote the closed transaction's ROLLBACK to a null socket (an
    // uncaught TypeError) and could hand the reconnected connection to nobody. The queued one may
    // fail too (the server's goodbye reaches it, as with postgres.js's own begin()), but it settles.
    const single = createDb(t.url, { max: 1 });
    try {
      let waiting: Promise<string[]> | undefined;
      const first = withTenant(single.db, asSystem(orgA, "test"), async ({ db: tx }) => {
        const [backend] = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
        waiting = withTenant(single.db, asSystem(orgB, "test"), async ({ db: next }) =>
          (await next.select({ name: lead.name }).from(lead)).map((r) => r.name),
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
        await t.sql`select pg_terminate_backend(${backend?.pid ?? 0})`;
        await tx.execute(sql`select 1`);
      });
      await expect(first).rejects.toThrow();
      const outcome = await Promise.race([
        waiting?.then(
          (names) => names,
          (error: unknown) => (error instanceof Error ? "failed" : "failed without an Error"),
        ),
        new Promise((resolve) => setTimeout(resolve, 5_000, "still waiting after 5 s")),
      ]);
      expect([["Lead of B"], "failed"]).toContainEqual(outcome);
      // And the pool goes on working, on its one (reconnected) connection.
      for (const [org, expected] of [
        [orgA, "Lead of A"],
        [orgB, "Lead of B"],
      ] as const) {
        expect(
          await withTenant(single.db, asSystem(org, "test"), async ({ db: tx }) =>
            (await tx.select({ name: lead.name }).from(lead)).map((r) => r.name),
          ),
        ).toEqual([expected]);
      }
    } finally {
      await single.sql.end({ timeout: 1 });
    }
  });

  it("refuses to run anything once it has ended, so a kept TenantDb cannot reach another transaction", async () => {
    const single = createDb(t.url, { max: 1 });
    try {
      const kept = await withTenant(single.db, asSystem(orgA, "test"), async ({ db: tx }) => tx);
      // The one connection is now in organization B's transaction.
      const seenFromB = await withTenant(single.db, asSystem(orgB, "test"), async ({ db: tx }) => {
        const stray = await kept
          .select({ name: lead.name })
          .from(lead)
          .then(
            (rows) => rows.map((r) => r.name),
            (error: unknown) => String(error instanceof Error ? error.cause : error),
          );
        return { stray, own: (await tx.select({ name: lead.name }).from(lead)).map((r) => r.name) };
      });
      expect(seenFromB.stray).toMatch(/tenant transaction has ended/);
      expect(seenFromB.own).toEqual(["Lead of B"]);
      await expect(kept.transaction(async () => "nested")).rejects.toThrow(/has ended/);
    } finally {
      await single.sql.end();
    }
  });
});
