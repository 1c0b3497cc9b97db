// The rungs of the procedure ladder as a new domain would use them, on a router of their own:
// what each hands the procedure, and what orgLongProcedure promises about connections.
import { eq, lead, member, sql } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createContext } from "./context.ts";
import { type ApiFixture, codeOf, createApiFixture } from "./testing.ts";
import { createCallerFactory, createTRPCRouter, orgLongProcedure, orgProcedure } from "./trpc.ts";

let fx: ApiFixture;
let team: Awaited<ReturnType<ApiFixture["createOrg"]>>;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  team = await fx.createOrg("ladder", ["member"]);
});
afterAll(() => fx.drop());

/** Whether a connection of this database is inside a transaction right now. */
async function openTransactions(): Promise<number> {
  const [row] = await fx.sql<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and state like 'idle in transaction%'`;
  return row?.n ?? 0;
}

let release: () => void = () => {};
const waitingForOutsideWorld = () =>
  new Promise<void>((resolve) => {
    release = resolve;
  });

const probe = createTRPCRouter({
  inOne: orgProcedure.query(async ({ ctx }) => {
    // The whole procedure is one tenant transaction.
    const [row] = await ctx.db.execute<{ org: string }>(
      sql`select current_setting('app.organization_id') as org`,
    );
    return { org: row?.org, actor: ctx.scope.actor.kind };
  }),
  slow: orgLongProcedure.mutation(async ({ ctx }) => {
    const before = await ctx.tenant((scope) =>
      scope.db
        .select({ id: lead.id })
        .from(lead)
        .where(eq(lead.organizationId, scope.organizationId)),
    );
    await waitingForOutsideWorld(); // an LLM, Stripe, a slow relay: no transaction is held
    const after = await ctx.tenant(async (scope) => scope.actor);
    return { leads: before.length, actor: after, db: ctx.db };
  }),
});
const callerFor = createCallerFactory(probe);

function caller(person: { cookie: string }) {
  return createContext(fx.deps, {
    headers: new Headers({ cookie: person.cookie, "x-guild-org": "ladder" }),
  }).then(callerFor);
}

describe("the procedure ladder", () => {
  it("orgProcedure runs the procedure in the member's tenant transaction", async () => {
    const api = await caller(team.owner);
    expect(await api.inOne()).toEqual({ org: team.org.id, actor: "member" });
  });

  it("orgLongProcedure holds no transaction while it waits, and checks membership again after", async () => {
    const api = await caller(team.members.member!);
    const idleBefore = await openTransactions();
    const running = api.slow();
    for (let i = 0; i < 50 && (await openTransactions()) > idleBefore; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    // The first short transaction is over; the procedure now waits outside any.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await openTransactions()).toBe(idleBefore);
    release();
    const result = await running;
    expect(result.actor).toMatchObject({ kind: "member", memberId: team.members.member!.memberId });
    // There is no unscoped database to reach for.
    expect(result.db).toBeUndefined();

    // Removed while it waited: the next short transaction refuses, as for a stranger.
    const second = api.slow();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await fx.db.delete(member).where(eq(member.id, team.members.member!.memberId));
    release();
    expect(await codeOf(second)).toBe("NOT_FOUND");
  });
});
