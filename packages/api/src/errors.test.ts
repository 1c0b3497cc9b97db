// The one place database errors become API errors, fed real PostgreSQL errors from a tenant
// transaction: what a caller may learn, and what must surface as a logged 500 instead.
import { asSystem, lead, organization, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture } from "./testing.ts";
import { toTRPCError } from "./trpc-errors.ts";

let fx: ApiFixture;
let orgId: string;
let otherOrgId: string;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  orgId = (await fx.createOrg("errors-home")).org.id;
  otherOrgId = (await fx.createOrg("errors-away")).org.id;
});
afterAll(() => fx.drop());

/** The error a statement in orgId's tenant transaction fails with. */
async function failure(statement: Parameters<typeof withTenant>[2]): Promise<unknown> {
  return withTenant(fx.db, asSystem(orgId, "test"), statement).then(
    () => {
      throw new Error("the statement succeeded");
    },
    (error: unknown) => error,
  );
}

describe("database errors", () => {
  it("a write row-level security refuses (another organization's row) is NOT_FOUND", async () => {
    const error = await failure(({ db: tx }) =>
      tx.insert(lead).values({ organizationId: otherOrgId, name: "Smuggled" }),
    );
    expect(toTRPCError(error)).toMatchObject({ code: "NOT_FOUND", message: "Not found" });
  });

  it("tells a delete that others still refer to from a reference to nothing", async () => {
    // Two throwaway tables with a plain foreign key, as a new domain might write one.
    await fx.sql.unsafe(`
      create table errors_parent (id int primary key);
      create table errors_child (parent_id int references errors_parent (id));
      insert into errors_parent values (1); insert into errors_child values (1);`);
    try {
      const stillUsed = await fx.sql`delete from errors_parent where id = 1`.catch(
        (e: unknown) => e,
      );
      expect(toTRPCError(stillUsed)).toMatchObject({ code: "CONFLICT" });
      const dangling = await fx.sql`insert into errors_child values (2)`.catch((e: unknown) => e);
      expect(toTRPCError(dangling)).toMatchObject({
        code: "BAD_REQUEST",
        message: "A referenced record does not exist",
      });
    } finally {
      await fx.sql.unsafe("drop table errors_child; drop table errors_parent;");
    }
  });

  it("a missing grant stays an unexpected error (500, logged), not a quiet NOT_FOUND", async () => {
    // guild_tenant may not insert organizations: a deployment or migration bug, not bad input.
    const error = await failure(({ db: tx }) =>
      tx.insert(organization).values({ name: "Nope", slug: "nope-nope" }),
    );
    expect(error).toMatchObject({ cause: { code: "42501" } });
    expect(toTRPCError(error)).toBeNull();
  });
});
