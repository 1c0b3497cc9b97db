// The search mechanism on real PostgreSQL: the words it stores, the triggers that keep them, the
// declaration migrate() turns into triggers, the page query's two paths, and tenant isolation of
// a table every domain's search will share.
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate } from "./migrate.ts";
import {
  lead,
  live,
  member,
  organization,
  type SearchKind,
  searchKindRegistry,
  tableCategories,
  user,
} from "./schema/index.ts";
import { searchedRows } from "./search.ts";
import { asSystem, type TenantDb, withTenant } from "./tenant.ts";
import { createTestDatabase } from "./testing.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  const orgs = await t.db
    .insert(organization)
    .values([
      { name: "A", slug: "search-a" },
      { name: "B", slug: "search-b" },
    ])
    .returning();
  orgA = orgs[0]!.id;
  orgB = orgs[1]!.id;
});
afterAll(() => t?.drop());

const words = async (text: string | null) => {
  const [row] = await t.sql<[{ words: string[] | null }]>`select search_words(${text}) as words`;
  return row?.words;
};

/** Every (organization, target, term) the triggers should have written for leads, and did not, or wrote and should not have. */
async function leadTermDrift() {
  return t.sql<{ side: string; organization_id: string; id: string; term: string }[]>`
    with expected as (
      select organization_id, id, w as term
      from lead, unnest(search_words(concat_ws(' ', name, email, company))) w),
    stored as (select organization_id, target_id as id, term from search_term where kind = 'lead')
    (select 'missing' as side, * from (select * from expected except select * from stored) m)
    union all
    (select 'stale' as side, * from (select * from stored except select * from expected) s)`;
}

const inA = <T>(fn: (tx: TenantDb) => Promise<T>) =>
  withTenant(t.db, asSystem(orgA, "test"), ({ db }) => fn(db));
const inB = <T>(fn: (tx: TenantDb) => Promise<T>) =>
  withTenant(t.db, asSystem(orgB, "test"), ({ db }) => fn(db));

/** The ids of org A's live leads matching a search, every page of `limit` rows walked. */
async function searchAll(
  organizationId: string,
  text: string,
  options: { maxIds?: number; limit?: number; status?: string; sortByName?: boolean } = {},
) {
  const limit = options.limit ?? 2;
  const sortColumn = options.sortByName ? lead.name : lead.createdAt;
  const seen: string[] = [];
  let cursor: { value: string; id: string } | null = null;
  for (let page = 0; page < 100; page++) {
    const rows = await withTenant(t.db, asSystem(organizationId, "test"), ({ db: tx }) => {
      const where = [eq(lead.organizationId, organizationId), live(lead)];
      if (options.status) where.push(eq(lead.status, options.status as "new"));
      if (cursor) where.push(sql`(${sortColumn}, ${lead.id}) > (${cursor.value}, ${cursor.id})`);
      const found = searchedRows(
        tx,
        "found",
        { id: lead.id, name: lead.name, createdAt: lead.createdAt },
        {
          table: lead,
          kinds: ["lead"],
          text: sql`${text}`,
          organizationId: sql`${organizationId}::uuid`,
          where,
          orderBy: [sql`${sortColumn} asc`, sql`${lead.id} asc`],
          limit: sql`${limit + 1}`,
          ...(options.maxIds ? { maxIds: options.maxIds } : {}),
        },
      );
      return tx
        .with(found)
        .select()
        .from(found)
        .orderBy(options.sortByName ? found.name : found.createdAt, found.id);
    });
    const pageRows = rows.slice(0, limit);
    seen.push(...pageRows.map((r) => r.id));
    const last = pageRows[pageRows.length - 1];
    if (rows.length <= limit || !last) return seen;
    cursor = {
      value: options.sortByName ? last.name : last.createdAt.toISOString(),
      id: last.id,
    };
  }
  throw new Error("more than 100 pages");
}

describe("search_words: what is stored and what a search looks for", () => {
  it("lowercases Unicode, splits on anything not a letter or digit, keeps each word once, sorted", async () => {
    expect(await words("Zoë Müller-Lüdenscheidt zoe.mueller@acme-corp.com Acme Corp")).toEqual([
      "acme",
      "com",
      "corp",
      "lüdenscheidt",
      "mueller",
      "müller",
      "zoe",
      "zoë",
    ]);
    // Sorted byte by byte (COLLATE "C"), as the index stores them.
    expect(await words("ÉCOLE ŒUVRE ΣΟΦΙΑ Straße")).toEqual(["straße", "école", "œuvre", "σοφια"]);
    expect(await words("first_last42+tag@sub.example.co.uk")).toEqual([
      "co",
      "example",
      "first",
      "last42",
      "sub",
      "tag",
      "uk",
    ]);
    expect(await words("東京 株式会社")).toEqual(["東京", "株式会社"]);
  });

  it("gives no words for blanks and punctuation, and none for null", async () => {
    expect(await words(" ..@@--!! ")).toEqual([]);
    expect(await words("")).toEqual([]);
    expect(await words(null)).toBeNull();
  });

  it("cuts words at 64 characters, for rows and searches alike, so a long search is still a prefix", async () => {
    const long = "a".repeat(70);
    expect(await words(long)).toEqual(["a".repeat(64)]);
  });
});

describe("terms kept by the lead trigger (declared with searchable)", () => {
  it("follow inserts, updates of the searched columns, id changes and deletes", async () => {
    const [first] = await inA((tx) =>
      tx
        .insert(lead)
        .values([
          { organizationId: orgA, name: "Ada Lovelace", email: "ada@analytical.example" },
          { organizationId: orgA, name: "Grace Hopper", company: "Navy" },
        ])
        .returning(),
    );
    expect(await leadTermDrift()).toEqual([]);
    const termsOf = async (id: string) =>
      (
        await t.sql<{ term: string }[]>`
          select term from search_term where kind = 'lead' and target_id = ${id} order by term`
      ).map((r) => r.term);
    expect(await termsOf(first!.id)).toEqual(["ada", "analytical", "example", "lovelace"]);

    await inA((tx) =>
      tx.update(lead).set({ company: "Babbage & Co", email: null }).where(eq(lead.id, first!.id)),
    );
    expect(await termsOf(first!.id)).toEqual(["ada", "babbage", "co", "lovelace"]);
    // A change to other columns leaves the terms as they are.
    await inA((tx) => tx.update(lead).set({ status: "won" }).where(eq(lead.id, first!.id)));
    expect(await termsOf(first!.id)).toEqual(["ada", "babbage", "co", "lovelace"]);

    const moved = "00000000-0000-4000-8000-000000000001";
    await inA((tx) => tx.update(lead).set({ id: moved }).where(eq(lead.id, first!.id)));
    expect(await termsOf(first!.id)).toEqual([]);
    expect(await termsOf(moved)).toEqual(["ada", "babbage", "co", "lovelace"]);
    expect(await leadTermDrift()).toEqual([]);

    await inA((tx) => tx.delete(lead).where(eq(lead.organizationId, orgA)));
    expect(await termsOf(moved)).toEqual([]);
    expect(await leadTermDrift()).toEqual([]);
  });

  it("stay right through a churn of bulk inserts, updates and deletes in two organizations", async () => {
    for (const org of [orgA, orgB])
      await withTenant(t.db, asSystem(org, "test"), ({ db: tx }) =>
        tx.execute(sql`
          insert into lead (organization_id, name, email, company)
          select ${org}::uuid, 'Person ' || i, 'p' || i || '@c' || (i % 7) || '.example',
                 case when i % 3 = 0 then null else 'Company ' || (i % 11) end
          from generate_series(1, 300) i`),
      );
    await inA((tx) =>
      tx.execute(sql`
        update lead set company = 'Renamed ' || left(id::text, 4) where name like '%1';
        update lead set email = null where name like '%2';
        update lead set name = upper(name) where name like '%3';
        update lead set status = 'won' where name like '%4';
        delete from lead where name like '%5'`),
    );
    expect(await leadTermDrift()).toEqual([]);
  });
});

describe("isolation: search_term is a tenant table under forced RLS", () => {
  it("shows a tenant only its own terms, and its searches find only its own rows", async () => {
    await inA((tx) =>
      tx.insert(lead).values({ organizationId: orgA, name: "Secretive Zyxwv", company: "Only A" }),
    );
    const seenByB = await inB((tx) =>
      tx.execute<{ n: number }>(
        sql`select count(*)::int as n from search_term where organization_id <> ${orgB}`,
      ),
    );
    expect(seenByB[0]?.n).toBe(0);
    expect(await searchAll(orgB, "zyxwv")).toEqual([]);
    expect(await searchAll(orgA, "zyxwv")).toHaveLength(1);
    // Even a service that named the wrong organization gets nothing: RLS decides, not the query.
    const crossed = await inB((tx) =>
      tx.execute<{ ids: string[] | null }>(
        sql`select search_target_ids(array['lead'], search_words('zyxwv')) as ids`,
      ),
    );
    expect(crossed[0]?.ids).toEqual([]);
  });

  it("refuses a tenant's term write for another organization, directly or through the functions", async () => {
    const [own] = await inB((tx) =>
      tx.insert(lead).values({ organizationId: orgB, name: "B's own" }).returning(),
    );
    await expect(
      inB((tx) =>
        tx.execute(sql`insert into search_term values (${orgA}, 'lead', ${own!.id}, 'planted')`),
      ),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
    await expect(
      inB((tx) =>
        tx.execute(
          sql`select search_set_terms('lead', ${orgA}::uuid, ${own!.id}::uuid, array['planted'])`,
        ),
      ),
    ).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/from a tenant transaction/) },
    });
    const planted = await t.sql`select 1 from search_term where term = 'planted'`;
    expect(planted).toHaveLength(0);
  });

  it("finds nothing outside a tenant scope", async () => {
    const rows = await t.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'guild_tenant', true)`);
      return tx.execute<{ ids: string[] | null }>(
        sql`select search_target_ids(array['lead'], search_words('zyxwv')) as ids`,
      );
    });
    expect(rows[0]?.ids).toEqual([]);
  });
});

describe("searchedRows: the page query's two paths", () => {
  let ids: Record<string, string>;

  beforeAll(async () => {
    await inA((tx) => tx.delete(lead).where(eq(lead.organizationId, orgA)));
    const rows = await inA((tx) =>
      tx
        .insert(lead)
        .values(
          [
            ["Jo Anne", "jo@acme.example", "Acme", "new"],
            ["John Smith", "john.smith@acme.example", "Acme Corp", "won"],
            ["Joanna Smithers", "joanna@beta.example", "Beta", "new"],
            ["Mary Jones", "mary.jones@gamma.example", "Gamma", "won"],
            ["Jonas Müller", "JONAS@ACME.EXAMPLE", null, "new"],
            ["Zed Zimmer", null, "Johnson & Johnson", "lost"],
            ["Old Jo", "old.jo@acme.example", "Acme", "new"],
          ].map(([name, email, company, status], i) => ({
            organizationId: orgA,
            name: name as string,
            email,
            company,
            status: status as "new",
            createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
          })),
        )
        .returning({ id: lead.id, name: lead.name }),
    );
    ids = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    // Soft-deleted: its terms stay (for Undo) but it is never found.
    await inA((tx) =>
      tx
        .update(lead)
        .set({ deletedAt: new Date() })
        .where(inArray(lead.id, [ids["Old Jo"]!])),
    );
  });

  const names = (found: string[]) =>
    found.map((id) => Object.entries(ids).find(([, v]) => v === id)?.[0]);

  // maxIds 100: few matches, fetched by id. maxIds 1: more matches than that, so the list's index
  // is walked and each row probed. Both must give the same pages.
  for (const maxIds of [100, 1]) {
    const path = maxIds === 1 ? "walk" : "ids";
    it(`${path} path: a prefix of any word of name, email or company; every word must match`, async () => {
      expect(names(await searchAll(orgA, "jo", { maxIds }))).toEqual([
        "Jo Anne",
        "John Smith",
        "Joanna Smithers",
        "Mary Jones",
        "Jonas Müller",
        "Zed Zimmer",
      ]);
      expect(names(await searchAll(orgA, "jo smith", { maxIds }))).toEqual([
        "John Smith",
        "Joanna Smithers",
      ]);
      expect(names(await searchAll(orgA, "SMITH jo acme", { maxIds }))).toEqual(["John Smith"]);
      expect(names(await searchAll(orgA, "müll", { maxIds }))).toEqual(["Jonas Müller"]);
      expect(names(await searchAll(orgA, "MÜLLER", { maxIds }))).toEqual(["Jonas Müller"]);
      expect(names(await searchAll(orgA, "jonas@acme.example", { maxIds }))).toEqual([
        "Jonas Müller",
      ]);
      expect(names(await searchAll(orgA, "john.smith@", { maxIds }))).toEqual(["John Smith"]);
      expect(names(await searchAll(orgA, "ohn", { maxIds }))).toEqual([]);
      expect(names(await searchAll(orgA, "jo nobody", { maxIds }))).toEqual([]);
    });

    it(`${path} path: keeps the list's filters, order and keyset pages`, async () => {
      expect(names(await searchAll(orgA, "jo", { maxIds, status: "won" }))).toEqual([
        "John Smith",
        "Mary Jones",
      ]);
      expect(names(await searchAll(orgA, "jo", { maxIds, sortByName: true, limit: 1 }))).toEqual([
        "Jo Anne",
        "Joanna Smithers",
        "John Smith",
        "Jonas Müller",
        "Mary Jones",
        "Zed Zimmer",
      ]);
    });
  }

  it("takes the ids path for common words that together match few rows, the walk only when they often meet", async () => {
    // maxIds 5: more than 10 term rows per word makes every word common. "inc" and "ltd" are on
    // 60 leads each and never on the same one, "customer" on all 120: walking the list for
    // "inc ltd" would probe every lead and find nothing (seconds at 100k leads), where the
    // words' own index ranges say at once that nothing matches.
    const [orgC] = await t.db
      .insert(organization)
      .values({ name: "C", slug: "search-c" })
      .returning();
    const c = orgC!.id;
    await withTenant(t.db, asSystem(c, "test"), ({ db }) =>
      db.insert(lead).values(
        Array.from({ length: 120 }, (_, i) => ({
          organizationId: c,
          name: `Customer ${i}`,
          company: i % 2 ? "Brick Inc" : "Mortar Ltd",
        })),
      ),
    );
    const targetIds = (text: string) =>
      withTenant(t.db, asSystem(c, "test"), ({ db }) =>
        db.execute<{ ids: string[] | null }>(
          sql`select search_target_ids(array['lead'], search_words(${text}), 5) as ids`,
        ),
      ).then((rows) => rows[0]?.ids);
    expect(await targetIds("inc ltd")).toEqual([]);
    expect(await targetIds("brick mortar customer")).toEqual([]);
    // One in two customers is a Brick: a walk fills a page after a few rows.
    expect(await targetIds("customer brick")).toBeNull();
    expect(await searchAll(c, "inc ltd", { maxIds: 5 })).toEqual([]);
    expect(await searchAll(c, "customer inc", { maxIds: 5, limit: 100 })).toHaveLength(60);
  });

  it("with no word to look for (only punctuation), lists everything", async () => {
    expect(await searchAll(orgA, "@@ --", { limit: 10 })).toHaveLength(6);
  });

  it("refuses a kind nobody declared (a typo would silently find nothing)", async () => {
    await expect(
      inA(async (tx) =>
        searchedRows(
          tx,
          "x",
          { id: lead.id },
          {
            table: lead,
            kinds: ["laed"],
            text: sql`'x'`,
            organizationId: sql`${orgA}::uuid`,
            where: [],
            orderBy: [sql`${lead.id}`],
            limit: sql`1`,
          },
        ),
      ),
    ).rejects.toThrow(/search kind "laed" is not declared/);
  });
});

describe("member terms (custom kinds 'member' and 'member_email', migration 0017)", () => {
  const memberTerms = (memberId: string, kind: string) =>
    t.sql<{ term: string }[]>`
      select term from search_term where kind = ${kind} and target_id = ${memberId} order by term`.then(
      (rows) => rows.map((r) => r.term),
    );

  it("follow the user's name and email into every organization, and leave with the membership", async () => {
    const [person] = await t.db
      .insert(user)
      .values({ name: "Ada King", email: "ada.king@example.org" })
      .returning();
    // Added by the app's own role, outside any tenant transaction (as creating an organization does).
    const [inA_, inB_] = await t.db
      .insert(member)
      .values([
        { organizationId: orgA, userId: person!.id, role: "admin" },
        { organizationId: orgB, userId: person!.id, role: "member" },
      ])
      .returning();
    for (const m of [inA_!, inB_!]) {
      expect(await memberTerms(m.id, "member")).toEqual(["ada", "king"]);
      expect(await memberTerms(m.id, "member_email")).toEqual(["ada", "example", "king", "org"]);
    }
    // better-auth renames a user with the app's role: every membership follows.
    await t.db
      .update(user)
      .set({ name: "Ada Lovelace", email: "countess@example.org" })
      .where(eq(user.id, person!.id));
    for (const m of [inA_!, inB_!]) {
      expect(await memberTerms(m.id, "member")).toEqual(["ada", "lovelace"]);
      expect(await memberTerms(m.id, "member_email")).toEqual(["countess", "example", "org"]);
    }
    // Removed in a tenant transaction, as the member service does.
    await inA((tx) =>
      tx.delete(member).where(and(eq(member.organizationId, orgA), eq(member.id, inA_!.id))),
    );
    expect(await memberTerms(inA_!.id, "member")).toEqual([]);
    expect(await memberTerms(inB_!.id, "member")).toEqual(["ada", "lovelace"]);
  });
});

describe("searchable(): migrate() turns the declaration into triggers and terms", () => {
  it("adds triggers and fills existing rows' terms, rebuilds when the columns change, removes both when the line goes", async () => {
    await t.sql.unsafe(`
      create table gadget (organization_id uuid not null references organization(id) on delete cascade,
        id uuid not null default gen_random_uuid(), title text, body text,
        primary key (organization_id, id))`);
    await t.sql.unsafe(`insert into gadget (organization_id, title, body)
      values ('${orgA}', 'Red Widget', 'shiny'), ('${orgB}', 'Blue Gizmo', 'matte')`);
    const categories = new Map([...tableCategories(), ["gadget", "tenant"] as const]);
    const declare = (columns: string[] | null) =>
      new Map<string, SearchKind>([
        ...searchKindRegistry(),
        ...(columns ? [["gadget", { kind: "gadget", table: "gadget", columns }] as const] : []),
      ]);
    const gadgetTerms = async () =>
      (
        await t.sql<{ term: string }[]>`
          select term from search_term where kind = 'gadget' order by term`
      ).map((r) => r.term);

    await migrate(t.url, { categories, searchKinds: declare(["title"]) });
    expect(await gadgetTerms()).toEqual(["blue", "gizmo", "red", "widget"]);
    const triggers = await t.sql<{ tgname: string }[]>`
      select tgname from pg_trigger where tgrelid = 'gadget'::regclass and not tgisinternal order by 1`;
    expect(triggers.map((r) => r.tgname)).toEqual([
      "search_gadget_delete",
      "search_gadget_insert",
      "search_gadget_update",
    ]);
    await withTenant(t.db, asSystem(orgA, "test"), ({ db: tx }) =>
      tx.execute(sql`insert into gadget (organization_id, title) values (${orgA}, 'Green Thing')`),
    );
    expect(await gadgetTerms()).toContain("green");

    await migrate(t.url, { categories, searchKinds: declare(["title", "body"]) });
    expect(await gadgetTerms()).toEqual([
      "blue",
      "gizmo",
      "green",
      "matte",
      "red",
      "shiny",
      "thing",
      "widget",
    ]);

    await migrate(t.url, { categories, searchKinds: declare(null) });
    expect(await gadgetTerms()).toEqual([]);
    const left = await t.sql`
      select 1 from pg_trigger where tgrelid = 'gadget'::regclass and not tgisinternal`;
    expect(left).toHaveLength(0);
    // The leads' own triggers and terms were never touched.
    expect(await leadTermDrift()).toEqual([]);
    await t.sql.unsafe("drop table gadget");
  });

  it("refuses a declaration naming a column the table does not have", async () => {
    const searchKinds = new Map<string, SearchKind>([
      ...searchKindRegistry(),
      ["lead_x", { kind: "lead_x", table: "lead", columns: ["nickname"] }],
    ]);
    await expect(migrate(t.url, { searchKinds })).rejects.toThrow(
      /searchable table lead has no column nickname/,
    );
  });
});
