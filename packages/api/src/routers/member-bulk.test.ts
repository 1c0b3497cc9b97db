// The members table: sorted keyset pages, the count of a filter, and the bulk role change by
// filter or ids, under the rank rule (an admin never touches owners, admins or themselves).
import { member, user } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MEMBER_BULK_LIMIT } from "../schemas/member.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let club: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let rival: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  club = await fx.createOrg("club", ["admin", "moderator", "member"]);
  rival = await fx.createOrg("rival", ["member"]);
});
afterAll(() => fx.drop());

/** Every member of an organization: name → role, read past RLS. */
async function rolesOf(orgId: string) {
  const rows = await fx.sql<{ name: string; role: string }[]>`
    select u.name, m.role from member m join "user" u on u.id = m.user_id
    where m.organization_id = ${orgId}`;
  return Object.fromEntries(rows.map((row) => [row.name, row.role]));
}

describe("member directory sorting and count", () => {
  it("pages through every sort in both directions, each member once, in the sort's order", async () => {
    const org = await fx.createOrg("sorted", ["admin", "moderator"]);
    for (const name of ["zoe Quinn", "Adam Smith", "bea Lund"])
      await fx.addMember(org.org.id, "member", { name });
    const admin = await org.members.admin!.caller("sorted");
    const everyone = (await admin.member.list({ limit: 100 })).items;
    expect(everyone).toHaveLength(6);
    const rank = { owner: 0, admin: 1, moderator: 2, member: 3 };
    const expected = {
      name: (a: (typeof everyone)[number], b: (typeof everyone)[number]) =>
        a.name.toLowerCase().localeCompare(b.name.toLowerCase()),
      email: (a: (typeof everyone)[number], b: (typeof everyone)[number]) =>
        (a.email ?? "").localeCompare(b.email ?? ""),
      role: (a: (typeof everyone)[number], b: (typeof everyone)[number]) =>
        rank[a.role] - rank[b.role],
      joinedAt: (a: (typeof everyone)[number], b: (typeof everyone)[number]) =>
        a.joinedAt.getTime() - b.joinedAt.getTime(),
    };
    for (const sort of ["name", "email", "role", "joinedAt"] as const)
      for (const order of ["asc", "desc"] as const) {
        const seen: (typeof everyone)[number][] = [];
        let cursor = null;
        do {
          const page: Awaited<ReturnType<typeof admin.member.list>> = await admin.member.list({
            sort,
            order,
            limit: 2,
            cursor,
          });
          seen.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen.map((m) => m.id)).size, `${sort} ${order}`).toBe(6);
        const keys = seen.map((m) => m.id);
        // Ties (three members) may come in any order among themselves, so compare sort keys.
        const sorted = [...seen].sort((a, b) => (order === "asc" ? 1 : -1) * expected[sort](a, b));
        expect(
          seen.map((m) => expected[sort](m, sorted[keys.indexOf(m.id)]!)),
          `${sort} ${order}`,
        ).toEqual(seen.map(() => 0));
      }
  });

  it("filters by role and counts what the filter matches; only admins sort by email", async () => {
    const api = await club.members.member!.caller("club");
    expect(await api.member.count({})).toEqual({ total: 4 });
    expect(await api.member.count({ role: ["member", "moderator"] })).toEqual({ total: 2 });
    const listed = await api.member.list({ role: ["admin"] });
    expect(listed.items.map((m) => m.name)).toEqual(["admin of club"]);
    expect(await refusalOf(api.member.list({ sort: "email" }))).toEqual({
      code: "FORBIDDEN",
      fields: ["sort"],
    });
  });
});

describe("member.bulkChangeRole", () => {
  it("changes the role of every member an admin manages among the matches, skips the rest, once", async () => {
    // On Pro: the moderators made here would be more staff than Free's 3 seats (seats.test.ts).
    const org = await fx.createOrg("bulk", ["admin", "moderator"], { plan: "pro" });
    await fx.addMember(org.org.id, "admin", { name: "Peer admin" });
    for (const name of ["Ann", "Ben", "Cy"]) await fx.addMember(org.org.id, "member", { name });
    const admin = await org.members.admin!.caller("bulk");

    // All matching (no filter): owner, both admins (the caller too) are left alone.
    expect(await admin.member.bulkChangeRole({ filter: {}, role: "moderator" })).toEqual({
      changed: 3,
      skipped: 3,
    });
    expect(await rolesOf(org.org.id)).toEqual({
      "Owner of bulk": "owner",
      "admin of bulk": "admin",
      "Peer admin": "admin",
      "moderator of bulk": "moderator",
      Ann: "moderator",
      Ben: "moderator",
      Cy: "moderator",
    });
    // The same again changes nothing.
    expect(await admin.member.bulkChangeRole({ filter: {}, role: "moderator" })).toEqual({
      changed: 0,
      skipped: 3,
    });
    // Each change is in the activity log as a single change would be: who, from what, to what.
    const logged = await fx.sql<{ changes: unknown; actor: string }[]>`
      select a.changes, a.actor_member_id as actor from activity a
      where a.organization_id = ${org.org.id} and a.action = 'member.role_changed'`;
    expect(logged).toHaveLength(3);
    for (const entry of logged) {
      expect(entry.changes).toEqual({ role: { from: "member", to: "moderator" } });
      expect(entry.actor).toBe(org.members.admin!.memberId);
    }

    // By filter and ids: only the chosen ids among the filter's matches.
    const [ann] = (await admin.member.list({ search: "Ann" })).items;
    const [ben] = (await admin.member.list({ search: "Ben" })).items;
    expect(
      await admin.member.bulkChangeRole({
        filter: { search: "Ann" },
        ids: [ann!.id, ben!.id],
        role: "member",
      }),
    ).toEqual({ changed: 1, skipped: 0 });
    expect((await rolesOf(org.org.id)).Ann).toBe("member");
    expect((await rolesOf(org.org.id)).Ben).toBe("moderator");

    // An owner changes admins too, but never owners (themselves included).
    const owner = await org.owner.caller("bulk");
    expect(
      await owner.member.bulkChangeRole({ filter: { role: ["admin", "owner"] }, role: "member" }),
    ).toEqual({ changed: 2, skipped: 1 });
    expect(await rolesOf(org.org.id)).toMatchObject({
      "Owner of bulk": "owner",
      "admin of bulk": "member",
      "Peer admin": "member",
    });
  });

  it("refuses a role the caller may not give, and callers below admin, changing nothing", async () => {
    const before = await rolesOf(club.org.id);
    const admin = await club.members.admin!.caller("club");
    expect(await refusalOf(admin.member.bulkChangeRole({ filter: {}, role: "admin" }))).toEqual({
      code: "FORBIDDEN",
      fields: ["role"],
    });
    // Owners are made one at a time.
    const owner = await club.owner.caller("club");
    expect(
      await refusalOf(
        owner.member.bulkChangeRole({ filter: {}, role: "owner" as unknown as "admin" }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["role"] });
    for (const who of ["moderator", "member"] as const)
      expect(
        await codeOf(
          (await club.members[who]!.caller("club")).member.bulkChangeRole({
            filter: {},
            role: "member",
          }),
        ),
        who,
      ).toBe("FORBIDDEN");
    expect(await rolesOf(club.org.id)).toEqual(before);
  });

  it("never reaches another organization's members, even by their ids", async () => {
    const before = await rolesOf(rival.org.id);
    const owner = await club.owner.caller("club");
    expect(
      await owner.member.bulkChangeRole({
        filter: {},
        ids: [rival.members.member!.memberId],
        role: "moderator",
      }),
    ).toEqual({ changed: 0, skipped: 0 });
    expect(await rolesOf(rival.org.id)).toEqual(before);
  });

  it(`refuses a selection of more than ${MEMBER_BULK_LIMIT} members and changes nothing`, async () => {
    // On Business (no staff limit): a thousand moderators are a thousand staff seats.
    const big = await fx.createOrg("big", [], { plan: "business" });
    const people = await fx.db
      .insert(user)
      .values(
        Array.from({ length: MEMBER_BULK_LIMIT }, (_, i) => ({
          name: `Bulk ${i}`,
          email: `bulk-${i}@big.example`,
          emailVerified: true,
        })),
      )
      .returning({ id: user.id });
    await fx.db
      .insert(member)
      .values(people.map((person) => ({ organizationId: big.org.id, userId: person.id })));
    const owner = await big.owner.caller("big");
    expect(await owner.member.count({})).toEqual({ total: MEMBER_BULK_LIMIT + 1 });
    const refused = await owner.member
      .bulkChangeRole({ filter: {}, role: "moderator" })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "BAD_REQUEST",
      message: `More than ${MEMBER_BULK_LIMIT.toLocaleString("en")} members match: narrow the filter and try again`,
    });
    expect(Object.values(await rolesOf(big.org.id)).includes("moderator")).toBe(false);
    // The members alone (the owner filtered out) fit.
    expect(
      await owner.member.bulkChangeRole({ filter: { role: ["member"] }, role: "moderator" }),
    ).toEqual({ changed: MEMBER_BULK_LIMIT, skipped: 0 });
  });
});
