import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as drizzleMigrate } from "drizzle-orm/postgres-js/migrator";
import { Logger, runMigrations } from "graphile-worker";
import postgres from "postgres";
import {
  type SearchKind,
  searchKindRegistry,
  spaceScopedTables,
  type TableCategory,
  tableCategories,
} from "./schema/index.ts";

export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

/** graphile-worker's migration messages stay out of test and boot output. */
const quietLogger = new Logger(() => () => {});

// Any constant: serializes concurrent migrators (several server processes booting at once).
const MIGRATION_LOCK = 7_340_119;

/** What guild_secure_search keeps triggers for: the kinds searched by their own table's columns. */
function declaredSearch(kinds: ReadonlyMap<string, SearchKind>) {
  const declared: Record<string, { table: string; columns: string[] }> = {};
  for (const { kind, table, columns } of kinds.values())
    if (columns) declared[kind] = { table, columns };
  return declared;
}

/**
 * Applies committed migrations, then secures every table by the category its schema declares
 * (guild_secure_tables, migration 0008: RLS, policies, grants), so a new table is isolated by its
 * migration alone, and a table with no category stops here; and gives each space-scoped table its
 * space_visibility policy (guild_secure_space_tables, migration 0041). Then keeps one search trigger per
 * searchable() declaration (guild_secure_search, migration 0016), filling the terms of rows
 * already there when a declaration is new or changed.
 */
export async function migrate(
  url: string,
  options: {
    categories?: ReadonlyMap<string, TableCategory>;
    searchKinds?: ReadonlyMap<string, SearchKind>;
    spaceScoped?: ReadonlyMap<string, string>;
  } = {},
): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await drizzleMigrate(drizzle({ client: sql }), { migrationsFolder });
    // The job queue's own schema (graphile_worker), so the test template carries it too.
    await runMigrations({ connectionString: url, logger: quietLogger });
    const categories = Object.fromEntries(options.categories ?? tableCategories());
    await sql`select guild_secure_tables(${JSON.stringify(categories)}::jsonb)`;
    const spaceScoped = Object.fromEntries(options.spaceScoped ?? spaceScopedTables());
    await sql`select guild_secure_space_tables(${JSON.stringify(spaceScoped)}::jsonb)`;
    await sql`select guild_secure_search(${JSON.stringify(declaredSearch(options.searchKinds ?? searchKindRegistry()))}::jsonb)`;
  } finally {
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    await sql.end();
  }
}
