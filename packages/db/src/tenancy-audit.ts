import type postgres from "postgres";

/**
 * Tables without organization_id, each global on purpose: better-auth's (people, sessions,
 * credentials, its rate limits), the tenants themselves, and per-user API rate limits. Any other
 * table without organization_id is flagged: a child table that forgot the column would otherwise
 * be shared by every organization, with no RLS.
 */
export const GLOBAL_TABLES = [
  "user",
  "session",
  "account",
  "verification",
  "two_factor",
  "rate_limit",
  "organization",
  "user_rate_limit",
] as const;

/** Tables with organization_id that are read before a tenant scope exists (architecture.md). */
export const PRE_TENANT_TABLES = ["member", "invitation"] as const;

/** The org policy's expression as pg_policies shows it (USING and WITH CHECK alike). */
const ORGANIZATION_POLICY =
  "(organization_id = (NULLIF(current_setting('app.organization_id'::text, true), ''::text))::uuid)";

/**
 * Reads the PostgreSQL catalog and lists every way a tenant table breaks the tenancy rules:
 * organization_id in the primary key, in every unique constraint and in every foreign key to
 * another tenant table; RLS enabled and forced; the org policy; grants for guild_tenant.
 */
export async function auditTenantTables(sql: postgres.Sql): Promise<string[]> {
  const tables = await sql<{ name: string; rls: boolean; forced: boolean }[]>`
    select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and c.relname <> all(${sql.array([...PRE_TENANT_TABLES])})
    order by 1`;
  const tenantNames = new Set(tables.map((t) => t.name));
  const problems: string[] = [];

  const unscoped = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and not exists (select 1 from pg_attribute a where a.attrelid = c.oid
                      and a.attname = 'organization_id' and not a.attisdropped)
      and c.relname <> all(${sql.array([...GLOBAL_TABLES])})
    order by 1`;
  for (const table of unscoped)
    problems.push(
      `${table.name}: no organization_id, and not one of the global tables (GLOBAL_TABLES)`,
    );

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
      if (
        !fk.ref_table ||
        (!tenantNames.has(fk.ref_table) && !PRE_TENANT_TABLES.some((t) => t === fk.ref_table))
      )
        continue;
      const local = fk.columns.indexOf("organization_id");
      if (local < 0 || fk.ref_columns?.[local] !== "organization_id")
        problems.push(
          `${table.name}: foreign key ${fk.name} to ${fk.ref_table} must pair organization_id`,
        );
    }
    if (!table.rls) problems.push(`${table.name}: row-level security not enabled`);
    if (!table.forced) problems.push(`${table.name}: row-level security not forced`);
    // Permissive policies are OR-ed: any other one would widen what the org policy allows.
    const permissive = policies.filter(
      (p) => p.table === table.name && p.permissive === "PERMISSIVE",
    );
    const orgPolicy = permissive.find(
      (p) => p.qual === ORGANIZATION_POLICY && p.with_check === ORGANIZATION_POLICY,
    );
    if (!orgPolicy) problems.push(`${table.name}: no organization policy (USING and WITH CHECK)`);
    for (const other of permissive.filter((p) => p !== orgPolicy))
      problems.push(
        `${table.name}: permissive policy ${other.name} widens the organization policy`,
      );
    const [grants] = await sql<{ s: boolean; i: boolean; u: boolean; d: boolean }[]>`
      select has_table_privilege('guild_tenant', ${`public.${table.name}`}, 'select') as s,
             has_table_privilege('guild_tenant', ${`public.${table.name}`}, 'insert') as i,
             has_table_privilege('guild_tenant', ${`public.${table.name}`}, 'update') as u,
             has_table_privilege('guild_tenant', ${`public.${table.name}`}, 'delete') as d`;
    if (!grants || !(grants.s && grants.i && grants.u && grants.d))
      problems.push(`${table.name}: guild_tenant lacks select/insert/update/delete`);
  }
  return problems;
}

/** Names of the tenant tables, as the audit sees them. */
export async function listTenantTables(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and c.relname <> all(${sql.array([...PRE_TENANT_TABLES])})
    order by 1`;
  return rows.map((r) => r.name);
}
