import type { ExtractTablesWithRelations } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { PgTransaction } from "drizzle-orm/pg-core";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import type { Database, Schema } from "./client";
import type { MemberRole } from "./schema/enums";

declare const tenantBrand: unique symbol;

type Transaction = PgTransaction<
  PostgresJsQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;

/**
 * A transaction bound to one organization: role switched to guild_tenant and
 * app.organization_id set, so row-level security confines every statement to that tenant.
 * Only this module creates one; services that touch tenant tables take a TenantDb, so calling
 * them outside a tenant scope does not compile.
 */
export type TenantDb = Transaction & { readonly [tenantBrand]: true };

// The single place a transaction becomes a TenantDb: right after the settings are applied.
function bindTenant(tx: Transaction): TenantDb {
  return tx as TenantDb;
}

/** Runs fn in a tenant transaction for an organization the caller already resolved. */
export async function withTenant<T>(
  db: Database,
  organizationId: string,
  fn: (tx: TenantDb) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'guild_tenant', true), set_config('app.organization_id', ${organizationId}, true)`,
    );
    return fn(bindTenant(tx));
  });
}

export interface Membership {
  organizationId: string;
  organizationSlug: string;
  organizationName: string;
  memberId: string;
  role: MemberRole;
}

/** Thrown inside the transaction when the user is not a member of the named organization. */
export class NotAMemberError extends Error {
  constructor(readonly slug: string) {
    super(`Not a member of organization "${slug}"`);
    this.name = "NotAMemberError";
  }
}

interface MembershipRow extends Record<string, unknown> {
  organization_id: string;
  slug: string;
  name: string;
  member_id: string;
  role: MemberRole;
}

/**
 * Resolves an organization by slug, checks the user's membership and enters the tenant scope,
 * all in the transaction's first statement (one round trip). No membership: NotAMemberError,
 * whether or not the slug exists, so a non-member learns nothing.
 */
export async function withMembership<T>(
  db: Database,
  input: { slug: string; userId: string },
  fn: (tx: TenantDb, membership: Membership) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<MembershipRow>(sql`
      select o.id as organization_id, o.slug, o.name, m.id as member_id, m.role,
             set_config('app.organization_id', o.id::text, true),
             set_config('role', 'guild_tenant', true)
      from organization o
      join member m on m.organization_id = o.id and m.user_id = ${input.userId}
      where o.slug = ${input.slug}`);
    const row = rows[0];
    if (!row) throw new NotAMemberError(input.slug);
    return fn(bindTenant(tx), {
      organizationId: row.organization_id,
      organizationSlug: row.slug,
      organizationName: row.name,
      memberId: row.member_id,
      role: row.role,
    });
  });
}
