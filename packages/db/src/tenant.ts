import type { ExtractTablesWithRelations } from "drizzle-orm";
import { type SQL, sql } from "drizzle-orm";
import type { PgTransaction } from "drizzle-orm/pg-core";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import type { Database, Schema } from "./client.ts";
import type { MemberRole } from "./schema/enums.ts";

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

/**
 * The tenant scope, as select-list items (both helpers set it in their first statement): the
 * guild_tenant role, the organization RLS filters on, and generic plans. All transaction-local.
 * Generic plans because the hot list queries' generic plans are the ones lead-plan.test.ts
 * checks, and replanning every call cost more than the query itself.
 */
function tenantSettings(organizationId: SQL) {
  return sql`set_config('role', 'guild_tenant', true),
             set_config('app.organization_id', ${organizationId}, true),
             set_config('plan_cache_mode', 'force_generic_plan', true)`;
}

/** Runs fn in a tenant transaction for an organization the caller already resolved. */
export async function withTenant<T>(
  db: Database,
  organizationId: string,
  fn: (tx: TenantDb) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select ${tenantSettings(sql`${organizationId}`)}`);
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
  readonly slug: string;
  constructor(slug: string) {
    super(`Not a member of organization "${slug}"`);
    this.slug = slug;
    this.name = "NotAMemberError";
  }
}

interface SessionMembershipRow extends Record<string, unknown> {
  user_id: string;
  user_name: string;
  user_email: string;
  banned: boolean | null;
  // Raw driver values: drizzle's postgres-js driver leaves timestamptz as text.
  ban_expires: string | null;
  organization_id: string | null;
  slug: string | null;
  name: string | null;
  member_id: string | null;
  role: MemberRole | null;
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  banned: boolean | null;
  banExpires: Date | null;
}

/**
 * Whether a user is banned at `now`: banned with no end, or an end still to come. An end that
 * isn't a valid date (PostgreSQL's 'infinity' parses to NaN) counts as still to come: fail closed.
 */
export function isBanned(
  user: { banned?: boolean | null | undefined; banExpires?: Date | null | undefined },
  now: Date,
): boolean {
  return user.banned === true && (!user.banExpires || !(user.banExpires <= now));
}

/**
 * The org procedures' hot path in one statement (one round trip after BEGIN): the session (by
 * its token, unexpired), its user, the membership in the organization named by slug, and the
 * tenant scope (tenantSettings, plus app.user_id for the user's own rate-limit counters). No
 * such session: null. No membership: fn gets null and app.organization_id is '', so RLS shows
 * nothing.
 */
export async function withSessionMembership<T>(
  db: Database,
  input: { token: string; slug: string },
  fn: (tx: TenantDb, user: SessionUser, membership: Membership | null) => Promise<T>,
): Promise<T | null> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<SessionMembershipRow>(sql`
      select u.id as user_id, u.name as user_name, u.email as user_email, u.banned, u.ban_expires,
             o.id as organization_id, o.slug, o.name, m.id as member_id, m.role,
             ${tenantSettings(sql`coalesce(o.id::text, '')`)},
             set_config('app.user_id', u.id::text, true)
      from session s
      join "user" u on u.id = s.user_id
      left join (member m join organization o on o.id = m.organization_id and o.slug = ${input.slug})
        on m.user_id = u.id
      where s.token = ${input.token} and s.expires_at > now()`);
    const row = rows[0];
    if (!row) return null;
    const user = {
      id: row.user_id,
      name: row.user_name,
      email: row.user_email,
      banned: row.banned,
      banExpires: row.ban_expires === null ? null : new Date(row.ban_expires),
    };
    const membership =
      row.organization_id && row.slug && row.name && row.member_id && row.role
        ? {
            organizationId: row.organization_id,
            organizationSlug: row.slug,
            organizationName: row.name,
            memberId: row.member_id,
            role: row.role,
          }
        : null;
    return fn(bindTenant(tx), user, membership);
  });
}
