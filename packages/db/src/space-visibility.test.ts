// The space visibility rule (migration 0041) at the database level: row-level security alone, with
// queries that "forget the where", shows each actor exactly the spaces (and space rows) they may
// see, and refuses writes into spaces they cannot see.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { MemberRole } from "./enums/index.ts";
import { migrate } from "./migrate.ts";
import {
  member,
  memberTier,
  memberTierState,
  organization,
  space,
  spaceMember,
  spaceTier,
  user,
} from "./schema/index.ts";
import type { Actor } from "./scope.ts";
import { auditTables } from "./tenancy-audit.ts";
import { asSystem, withTenant } from "./tenant.ts";
import { createTestDatabase } from "./testing.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let orgA: string;
let orgB: string;
const actors: Record<string, Actor> = {};
const spaces: Record<string, string> = {};

async function addMember(org: string, key: string, role: MemberRole) {
  const [u] = await t.db
    .insert(user)
    .values({ name: key, email: `${key}@${org.slice(0, 8)}.test` })
    .returning();
  const [m] = await t.db
    .insert(member)
    .values({ organizationId: org, userId: u!.id, role })
    .returning();
  actors[key] = { kind: "member", memberId: m!.id, userId: u!.id, role, crmAccess: false };
  return m!.id;
}

const memberIdOf = (key: string) => {
  const actor = actors[key];
  if (actor?.kind !== "member") throw new Error(`no member ${key}`);
  return actor.memberId;
};

beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  const orgs = await t.db
    .insert(organization)
    .values([
      { name: "A", slug: "space-a" },
      { name: "B", slug: "space-b" },
    ])
    .returning();
  orgA = orgs[0]!.id;
  orgB = orgs[1]!.id;
  await addMember(orgA, "admin", "admin");
  await addMember(orgA, "moderator", "moderator");
  await addMember(orgA, "insider", "member");
  await addMember(orgA, "outsider", "member");
  await addMember(orgA, "payer", "member");
  await addMember(orgA, "lapsed", "member");
  await addMember(orgA, "granted", "member");
  await addMember(orgB, "stranger", "owner");

  await withTenant(t.db, asSystem(orgA, "test"), async ({ db }) => {
    const rows = await db
      .insert(space)
      .values(
        (["public", "private", "paid"] as const).map((visibility, position) => ({
          organizationId: orgA,
          name: `${visibility} space`,
          slug: visibility,
          visibility,
          position,
        })),
      )
      .returning();
    const [archived] = await db
      .insert(space)
      .values({ organizationId: orgA, name: "Old", slug: "old", archivedAt: new Date() })
      .returning();
    for (const row of rows) spaces[row.slug] = row.id;
    spaces.old = archived!.id;
    const [tier, other] = await db
      .insert(memberTier)
      .values([
        { organizationId: orgA, name: "Gold" },
        { organizationId: orgA, name: "Silver" },
      ])
      .returning();
    await db
      .insert(spaceTier)
      .values({ organizationId: orgA, spaceId: spaces.paid!, tierId: tier!.id });
    const state = (
      key: string,
      tierId: string,
      extra: Partial<typeof memberTierState.$inferInsert>,
    ) => {
      const actor = actors[key];
      if (actor?.kind !== "member") throw new Error(key);
      return {
        organizationId: orgA,
        memberId: actor.memberId,
        userId: actor.userId,
        tierId,
        source: "comp" as const,
        status: "active" as const,
        ...extra,
      };
    };
    await db.insert(memberTierState).values([
      state("payer", tier!.id, {}),
      // past_due for longer than the 7-day grace: no longer opens the space.
      state("lapsed", tier!.id, {
        status: "past_due",
        pastDueSince: new Date(Date.now() - 8 * 86_400_000),
      }),
      // Another tier than the space's: the granted member sees it through the admin's grant.
      state("granted", other!.id, {}),
    ]);
    await db.insert(spaceMember).values([
      {
        organizationId: orgA,
        spaceId: spaces.private!,
        memberId: memberIdOf("insider"),
        access: "added",
      },
      {
        organizationId: orgA,
        spaceId: spaces.paid!,
        memberId: memberIdOf("granted"),
        access: "added",
      },
      // Joined while holding the tier, then lost it: a joined row alone does not open a paid space.
      {
        organizationId: orgA,
        spaceId: spaces.paid!,
        memberId: memberIdOf("lapsed"),
        access: "joined",
      },
    ]);
  });
});
afterAll(() => t.drop());

/** Every space row the actor's tenant transaction returns, with no where clause at all. */
async function visibleSlugs(key: string, org = orgA) {
  const actor = actors[key];
  if (!actor) throw new Error(key);
  return withTenant(t.db, { organizationId: org, actor }, async ({ db }) =>
    (await db.select({ slug: space.slug }).from(space)).map((r) => r.slug).sort(),
  );
}

describe("space_visibility: row-level security alone", () => {
  it("shows moderators and admins every space, archived ones too", async () => {
    expect(await visibleSlugs("admin")).toEqual(["old", "paid", "private", "public"]);
    expect(await visibleSlugs("moderator")).toEqual(["old", "paid", "private", "public"]);
  });

  it("shows a plain member the public spaces, and a private one only once added", async () => {
    expect(await visibleSlugs("outsider")).toEqual(["public"]);
    expect(await visibleSlugs("insider")).toEqual(["private", "public"]);
  });

  it("opens a paid space to the space's tier, within grace only, or to an admin's grant", async () => {
    expect(await visibleSlugs("payer")).toEqual(["paid", "public"]);
    expect(await visibleSlugs("lapsed")).toEqual(["public"]);
    expect(await visibleSlugs("granted")).toEqual(["paid", "public"]);
  });

  it("shows another organization's member none of them, and a visitor none", async () => {
    expect(await visibleSlugs("stranger", orgB)).toEqual([]);
    const rows = await withTenant(
      t.db,
      { organizationId: orgA, actor: { kind: "visitor" } },
      ({ db }) => db.select().from(space),
    );
    expect(rows).toEqual([]);
  });

  it("hides the rows of spaces one cannot see in space-scoped tables too", async () => {
    const seen = await withTenant(
      t.db,
      { organizationId: orgA, actor: actors.outsider! },
      async ({ db }) => ({
        members: await db.select().from(spaceMember),
        tiers: await db.select().from(spaceTier),
      }),
    );
    expect(seen).toEqual({ members: [], tiers: [] });
    const insider = await withTenant(
      t.db,
      { organizationId: orgA, actor: actors.insider! },
      ({ db }) => db.select({ spaceId: spaceMember.spaceId }).from(spaceMember),
    );
    expect(insider).toEqual([{ spaceId: spaces.private }]);
  });

  it("refuses a member who writes themselves into a private space, or writes a space at all", async () => {
    await expect(
      withTenant(t.db, { organizationId: orgA, actor: actors.outsider! }, ({ db }) =>
        db.insert(spaceMember).values({
          organizationId: orgA,
          spaceId: spaces.private!,
          memberId: memberIdOf("outsider"),
        }),
      ),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
    await expect(
      withTenant(t.db, { organizationId: orgA, actor: actors.outsider! }, ({ db }) =>
        db.insert(space).values({ organizationId: orgA, name: "Mine", slug: "mine" }),
      ),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
    // Joining a public space is allowed by the database (the server decides the rest).
    await withTenant(t.db, { organizationId: orgA, actor: actors.outsider! }, ({ db }) =>
      db.insert(spaceMember).values({
        organizationId: orgA,
        spaceId: spaces.public!,
        memberId: memberIdOf("outsider"),
      }),
    );
    expect(await visibleSlugs("outsider")).toEqual(["public"]);
  });

  it("guild_can_see_space answers for one space", async () => {
    const answers = await withTenant(
      t.db,
      { organizationId: orgA, actor: actors.outsider! },
      ({ db }) =>
        db.execute<{ pub: boolean; priv: boolean }>(
          `select guild_can_see_space('${spaces.public}') as pub, guild_can_see_space('${spaces.private}') as priv` as never,
        ),
    );
    expect([...answers]).toEqual([{ pub: true, priv: false }]);
  });
});

describe("space_visibility in the catalog", () => {
  it("is flagged by the audit when missing, and put back by migrate()", async () => {
    expect(await auditTables(t.sql)).toEqual([]);
    await t.sql.unsafe("drop policy space_visibility on space_member");
    expect(await auditTables(t.sql)).toContain(
      "space_member: no restrictive space_visibility policy on space_id",
    );
    await migrate(t.url);
    expect(await auditTables(t.sql)).toEqual([]);
  });
});
