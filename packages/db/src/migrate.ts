import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as drizzleMigrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

// Any constant: serializes concurrent migrators (several server processes booting at once).
const MIGRATION_LOCK = 7_340_119;

/**
 * Applies committed migrations, then secures every tenant table (RLS, policy, grants) through
 * guild_secure_tenant_tables(), so a new tenant table is isolated by its migration alone.
 */
export async function migrate(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await drizzleMigrate(drizzle({ client: sql }), { migrationsFolder });
    await sql`select guild_secure_tenant_tables()`;
  } finally {
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    await sql.end();
  }
}
