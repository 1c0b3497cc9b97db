// The @mention autocomplete (member-profile.ts mentionableQuery) as a plain member runs it
// (row-level security on) in an organization of 2,000 members: a prefix finds members by
// username or by display name, each through a range on its own index, never a scan of the
// members; and "starts with" holds for names with letters beyond ASCII.
import { type MemberActor, withTenant } from "@guild/db";
import { createTestDatabase, explainAnalyze } from "@guild/db/testing";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { mentionSearchInput } from "../schemas/profile.ts";
import { mentionableQuery } from "./member-profile.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let orgId = "";
let actor: MemberActor;
const MEMBERS = 2_000;

beforeAll(async () => {
  db = await createTestDatabase(inject("pgAdminUrl"));
  const [org] = await db.sql<{ id: string }[]>`
    insert into organization (name, slug) values ('Mention plan', 'mention-plan') returning id`;
  orgId = org!.id;
  // Each membership gets its profile from migration 0044's trigger, its username from the name.
  await db.sql`
    insert into "user" (name, email, email_verified)
    select 'Member ' || i, 'member-' || i || '@plan.test', true from generate_series(1, ${MEMBERS}) i`;
  await db.sql`
    insert into "user" (name, email, email_verified) values
      ('F. Scott Fitzgerald', 'scott@plan.test', true),
      ('Andréa Müller', 'andrea@plan.test', true),
      ('Andrew Ng', 'andrew@plan.test', true)`;
  await db.bulk(
    (tx) => tx`
    insert into member (organization_id, user_id, role)
    select ${orgId}, id, 'member' from "user" where email like '%@plan.test'`,
  );
  // Usernames that do not start as the display names do: only the name range can find them.
  await db.sql`
    update member_profile set username = 'scottie' where display_name = 'F. Scott Fitzgerald'`;
  await db.sql`
    update member_profile set username = 'am_2024' where display_name = 'Andréa Müller'`;
  const [reader] = await db.sql<{ id: string; userId: string }[]>`
    select m.id, m.user_id as "userId" from member m join "user" u on u.id = m.user_id
    where u.email = 'member-1@plan.test'`;
  actor = {
    kind: "member",
    memberId: reader!.id,
    userId: reader!.userId,
    role: "member",
    crmAccess: false,
  };
  await db.sql`analyze member_profile`;
  await db.sql`analyze member`;
});
afterAll(() => db.drop());

async function mention(prefix: string) {
  return withTenant(db.db, { organizationId: orgId, actor }, async (scope) => {
    const query = mentionableQuery(scope, mentionSearchInput.parse({ prefix }));
    const rows = await query;
    return {
      names: rows.map((row) => row.displayName),
      ...(await explainAnalyze(scope.db, query)),
    };
  });
}

it("finds a member by the start of a display name their username does not share", async () => {
  expect((await mention("f. sc")).names).toEqual(["F. Scott Fitzgerald"]);
  // Beyond ASCII: "andré" starts "Andréa Müller", and "andre" starts neither her name nor username.
  expect((await mention("andré")).names).toEqual(["Andréa Müller"]);
  expect((await mention("@Andre")).names).toEqual(["Andrew Ng"]);
});

it("reads both indexes as ranges, never scanning the organization's members", async () => {
  const { nodes, buffers, ms, names } = await mention("scot");
  expect(names).toEqual(["F. Scott Fitzgerald"]);
  expect(
    nodes.some((n) => n["Relation Name"] === "member_profile" && n["Node Type"] === "Seq Scan"),
    "a sequential scan of member_profile",
  ).toBe(false);
  const indexes = new Set(nodes.map((n) => n["Index Name"]));
  expect(indexes).toContain("member_profile_org_username_key");
  expect(indexes).toContain("member_profile_org_display_name_key_idx");
  const [size] = await db.sql<{ pages: number }[]>`
    select relpages as pages from pg_class where relname = 'member_profile'`;
  console.log(
    `mention "scot": ${buffers} buffers, ${ms.toFixed(2)} ms (member_profile: ${size?.pages} pages, ${MEMBERS} members)`,
  );
  // Each range yields the few rows that match, not the organization's members.
  for (const scan of nodes.filter((n) => n["Index Name"]?.startsWith("member_profile_org_")))
    expect(scan["Actual Rows"] ?? 0).toBeLessThanOrEqual(2);
});
