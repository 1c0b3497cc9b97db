import type postgres from "postgres";
import { spaceScopedTables, type TableCategory, tableCategories } from "./schema/index.ts";

type Categories = ReadonlyMap<string, TableCategory>;

/** The organization policy's expression as pg_policies shows it (USING and WITH CHECK alike). */
const ORGANIZATION_POLICY =
  "(organization_id = (NULLIF(current_setting('app.organization_id'::text, true), ''::text))::uuid)";

/** A member-owned table's: the organization's rows, and of those the member's own (or a job's). */
const MEMBER_OWNED_POLICY =
  "((organization_id = (NULLIF(current_setting('app.organization_id'::text, true), ''::text))::uuid) AND ((member_id = (NULLIF(current_setting('app.member_id'::text, true), ''::text))::uuid) OR (current_setting('app.actor'::text, true) = 'system'::text)))";

const EXPECTED_POLICY: Partial<Record<TableCategory, string>> = {
  tenant: ORGANIZATION_POLICY,
  "member-owned": MEMBER_OWNED_POLICY,
};

const isScoped = (category: TableCategory | undefined) =>
  category === "tenant" || category === "member-owned";

/**
 * Reads the PostgreSQL catalog and lists every way a table breaks the tenancy rules for the
 * category the schema declares for it (schema/helpers.ts):
 * - every table in `public` has a category, and every declared table exists;
 * - global tables have no organization_id (a child table that forgot the column would be shared
 *   by every organization, with no RLS);
 * - tenant and member-owned tables: organization_id first in the primary key, in every unique
 *   index and paired in every foreign key to another tenant or pre-tenant table; RLS enabled and
 *   forced; exactly their category's policy (any other permissive one is OR-ed in and widens
 *   it); grants for guild_tenant; member-owned ones also a member_id;
 * - space-scoped tables (spaceScopedTables): also the restrictive space_visibility policy on
 *   their space id column (guild_visible_space_ids, migration 0041).
 */
export async function auditTables(
  sql: postgres.Sql,
  categories: Categories = tableCategories(),
  spaceScoped: ReadonlyMap<string, string> = spaceScopedTables(),
): Promise<string[]> {
  const tables = await sql<
    { name: string; rls: boolean; forced: boolean; has_org: boolean; has_member: boolean }[]
  >`
    select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
      exists (select 1 from pg_attribute a where a.attrelid = c.oid
              and a.attname = 'organization_id' and not a.attisdropped) as has_org,
      exists (select 1 from pg_attribute a where a.attrelid = c.oid
              and a.attname = 'member_id' and not a.attisdropped) as has_member
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by 1`;
  const problems: string[] = [];
  const present = new Set(tables.map((t) => t.name));
  for (const name of categories.keys())
    if (!present.has(name))
      problems.push(`${name}: declared in the schema but not in the database`);

  const constraints = await sql<
    {
      table: string;
      name: string;
      type: string;
      columns: string[];
      ref_table: string | null;
      ref_columns: string[] | null;
    }[]
  >`
    select cl.relname as table, con.conname as name, con.contype as type,
      array(select att.attname::text from unnest(con.conkey) with ordinality k(num, ord)
            join pg_attribute att on att.attrelid = con.conrelid and att.attnum = k.num
            order by k.ord) as columns,
      rc.relname as ref_table,
      case when con.confrelid <> 0 then array(select att.attname::text from unnest(con.confkey) with ordinality k(num, ord)
            join pg_attribute att on att.attrelid = con.confrelid and att.attnum = k.num
            order by k.ord) end as ref_columns
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    left join pg_class rc on rc.oid = con.confrelid
    where n.nspname = 'public' and con.contype in ('p', 'u', 'f')`;

  const uniqueIndexes = await sql<{ table: string; name: string; columns: string[] }[]>`
    select t.relname as table, i.relname as name,
      array(select att.attname::text from unnest(ix.indkey) k join pg_attribute att
            on att.attrelid = t.oid and att.attnum = k) as columns
    from pg_index ix
    join pg_class i on i.oid = ix.indexrelid
    join pg_class t on t.oid = ix.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public' and ix.indisunique`;

  const policies = await sql<
    {
      table: string;
      name: string;
      permissive: string;
      qual: string | null;
      with_check: string | null;
    }[]
  >`
    select tablename as table, policyname as name, permissive, qual, with_check
    from pg_policies where schemaname = 'public'`;

  for (const table of tables) {
    const category = categories.get(table.name);
    if (!category) {
      problems.push(
        `${table.name}: no category (declare it with tenantTable, memberOwnedTable, preTenantTable or globalTable)`,
      );
      continue;
    }
    if (category === "global") {
      if (table.has_org) problems.push(`${table.name}: declared global but has organization_id`);
      continue;
    }
    if (!table.has_org) {
      problems.push(`${table.name}: declared ${category} but has no organization_id`);
      continue;
    }
    if (!isScoped(category)) continue;
    if (category === "member-owned" && !table.has_member)
      problems.push(`${table.name}: member-owned but has no member_id`);

    const mine = constraints.filter((c) => c.table === table.name);
    const pk = mine.find((c) => c.type === "p");
    if (!pk) problems.push(`${table.name}: no primary key`);
    else if (pk.columns[0] !== "organization_id")
      problems.push(
        `${table.name}: primary key (${pk.columns.join(", ")}) must start with organization_id`,
      );
    for (const idx of uniqueIndexes.filter((i) => i.table === table.name)) {
      if (!idx.columns.includes("organization_id"))
        problems.push(`${table.name}: unique index ${idx.name} lacks organization_id`);
    }
    for (const fk of mine.filter((c) => c.type === "f")) {
      const target = fk.ref_table ? categories.get(fk.ref_table) : undefined;
      if (!isScoped(target) && target !== "pre-tenant") continue;
      const local = fk.columns.indexOf("organization_id");
      if (local < 0 || fk.ref_columns?.[local] !== "organization_id")
        problems.push(
          `${table.name}: foreign key ${fk.name} to ${fk.ref_table} must pair organization_id`,
        );
    }
    if (!table.rls) problems.push(`${table.name}: row-level security not enabled`);
    if (!table.forced) problems.push(`${table.name}: row-level security not forced`);
    const expected = EXPECTED_POLICY[category];
    const permissive = policies.filter(
      (p) => p.table === table.name && p.permissive === "PERMISSIVE",
    );
    const own = permissive.find((p) => p.qual === expected && p.with_check === expected);
    if (!own) problems.push(`${table.name}: no ${category} policy (USING and WITH CHECK)`);
    for (const other of permissive.filter((p) => p !== own))
      problems.push(`${table.name}: permissive policy ${other.name} widens the ${category} policy`);
    const [grants] = await sql<{ s: boolean; i: boolean; u: boolean; d: boolean }[]>`
      select has_table_privilege('guild_tenant', ${`public.${table.name}`}, 'select') as s,
             has_table_privilege('guild_tenant', ${`public.${table.name}`}, 'insert') as i,
             has_table_privilege('guild_tenant', ${`public.${table.name}`}, 'update') as u,
             has_table_privilege('guild_tenant', ${`public.${table.name}`}, 'delete') as d`;
    if (!grants || !(grants.s && grants.i && grants.u && grants.d))
      problems.push(`${table.name}: guild_tenant lacks select/insert/update/delete`);
    const spaceColumn = spaceScoped.get(table.name);
    if (spaceColumn) {
      const visibility = policies.find(
        (p) =>
          p.table === table.name && p.name === "space_visibility" && p.permissive === "RESTRICTIVE",
      );
      const qual = visibility?.qual ?? "";
      if (!qual.includes(`(${spaceColumn} = ANY (`) || !qual.includes("guild_visible_space_ids()"))
        problems.push(`${table.name}: no restrictive space_visibility policy on ${spaceColumn}`);
    }
  }
  return problems;
}

/** Tables that hold an organization's rows (tenant, member-owned, pre-tenant), by name. */
export function organizationTables(categories: Categories = tableCategories()): string[] {
  return [...categories]
    .filter(([, category]) => category !== "global")
    .map(([name]) => name)
    .sort();
}
