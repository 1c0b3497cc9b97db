import type { ExtractTablesWithRelations } from "drizzle-orm";
import { type SQL, sql } from "drizzle-orm";
import type { PgTransaction } from "drizzle-orm/pg-core";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import type { Database, Schema } from "./client.ts";
import type { MemberRole } from "./enums/index.ts";
import { enqueueJob } from "./jobs.ts";
import {
  type Actor,
  type Clock,
  type MemberActor,
  type RequestInfo,
  systemActor,
  systemClock,
  type TenantScope,
} from "./scope.ts";

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
 * The tenant transaction's settings, as select-list items (set in its first statement, all
 * transaction-local): the guild_tenant role, the organization RLS filters on, the actor's kind
 * and, for a member, their member and user ids (member-owned tables, per-user counters). Generic
 * plans because the hot list queries' generic plans are the ones lead-plan.test.ts checks, and
 * replanning every call cost more than the query itself.
 */
function tenantSettings(organizationId: SQL, actor: SQL, memberId: SQL, userId: SQL) {
  return sql`set_config('role', 'guild_tenant', true),
             set_config('app.organization_id', ${organizationId}, true),
             set_config('app.actor', ${actor}, true),
             set_config('app.member_id', ${memberId}, true),
             set_config('app.user_id', ${userId}, true),
             set_config('plan_cache_mode', 'force_generic_plan', true)`;
}

/** Who runs a tenant transaction, for what organization. */
export interface TenantTarget {
  organizationId: string;
  actor: Actor;
  clock?: Clock;
  request?: RequestInfo | null;
}

/** A tenant target for the system actor: jobs, webhooks, seeds, tests. */
export function asSystem(organizationId: string, reason: string, clock?: Clock): TenantTarget {
  return { organizationId, actor: systemActor(reason), ...(clock ? { clock } : {}) };
}

/** The one place a scope is made: right after the transaction's settings are applied. */
function createScope(
  tx: Transaction,
  target: TenantTarget,
  committed: Array<() => Promise<void>>,
): TenantScope {
  const db = bindTenant(tx);
  const clock = target.clock ?? systemClock;
  return {
    db,
    organizationId: target.organizationId,
    actor: target.actor,
    request: target.request ?? null,
    now: () => clock.now(),
    enqueue: (task, payload, options) =>
      enqueueJob(db, clock, { task, payload, ...(options ?? {}) }),
    afterCommit: (task) => {
      committed.push(task);
    },
  };
}

async function runCommitted(tasks: Array<() => Promise<void>>) {
  for (const task of tasks) await task();
}

const text = (value: string | null) => sql`${value ?? ""}`;

function actorSettings(actor: Actor) {
  return {
    kind: text(actor.kind),
    memberId: text(actor.kind === "member" ? actor.memberId : null),
    userId: text(actor.kind === "member" ? actor.userId : null),
  };
}

/**
 * Runs fn in a tenant transaction for an organization the caller already resolved (a job's, a
 * webhook's, a seed's), then the scope's afterCommit tasks.
 */
export async function withTenant<T>(
  db: Database,
  target: TenantTarget,
  fn: (scope: TenantScope) => Promise<T>,
): Promise<T> {
  const committed: Array<() => Promise<void>> = [];
  const a = actorSettings(target.actor);
  const result = await db.transaction(async (tx) => {
    await tx.execute(
      sql`select ${tenantSettings(sql`${target.organizationId}`, a.kind, a.memberId, a.userId)}`,
    );
    return fn(createScope(tx, target, committed));
  });
  await runCommitted(committed);
  return result;
}

export interface Membership {
  organizationId: string;
  organizationSlug: string;
  organizationName: string;
  memberId: string;
  role: MemberRole;
  /** The member's CRM grant (member.crm_access), read in the same statement as the role. */
  crmAccess: boolean;
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
  session_id: string;
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
  crm_access: boolean | null;
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

/** A member's tenant scope, with the organization it is in. */
export interface MemberScope extends Membership {
  scope: TenantScope;
}

export interface SessionMembershipInput {
  /** better-auth's session token (from its signed cookie). */
  token: string;
  /** The organization, by the slug a request names or by id (a stream's later steps). */
  organization: { slug: string } | { id: string };
  clock?: Clock;
  /** Where the request came from (the session id is added from the session row). */
  request?: Omit<RequestInfo, "sessionId">;
}

/**
 * The organization procedures' hot path in one statement (one round trip after BEGIN): the session
 * (by its token, unexpired), its user, the membership in the organization, and the tenant
 * transaction's settings for that member. No such session: null. No membership: fn gets null and
 * app.organization_id is '', so RLS shows nothing. Then the scope's afterCommit tasks.
 */
export async function withSessionMembership<T>(
  db: Database,
  input: SessionMembershipInput,
  fn: (user: SessionUser, member: MemberScope | null) => Promise<T>,
): Promise<T | null> {
  const committed: Array<() => Promise<void>> = [];
  const organizationMatch =
    "slug" in input.organization
      ? sql`o.slug = ${input.organization.slug}`
      : sql`o.id = ${input.organization.id}`;
  const result = await db.transaction(async (tx) => {
    const rows = await tx.execute<SessionMembershipRow>(sql`
      select s.id as session_id, u.id as user_id, u.name as user_name, u.email as user_email,
             u.banned, u.ban_expires,
             o.id as organization_id, o.slug, o.name, m.id as member_id, m.role, m.crm_access,
             ${tenantSettings(
               sql`coalesce(o.id::text, '')`,
               sql`case when m.id is null then '' else 'member' end`,
               sql`coalesce(m.id::text, '')`,
               sql`u.id::text`,
             )}
      from session s
      join "user" u on u.id = s.user_id
      left join (member m join organization o on o.id = m.organization_id and ${organizationMatch})
        on m.user_id = u.id
      where s.token = ${input.token} and s.expires_at > now()`);
    const row = rows[0];
    if (!row) return { found: false as const };
    const user: SessionUser = {
      id: row.user_id,
      name: row.user_name,
      email: row.user_email,
      banned: row.banned,
      banExpires: row.ban_expires === null ? null : new Date(row.ban_expires),
    };
    if (!(row.organization_id && row.slug && row.name && row.member_id && row.role))
      return { found: true as const, value: await fn(user, null) };
    const actor: MemberActor = {
      kind: "member",
      memberId: row.member_id,
      userId: row.user_id,
      role: row.role,
      crmAccess: row.crm_access === true,
    };
    const scope = createScope(
      tx,
      {
        organizationId: row.organization_id,
        actor,
        ...(input.clock ? { clock: input.clock } : {}),
        request: {
          ip: input.request?.ip ?? null,
          userAgent: input.request?.userAgent ?? null,
          sessionId: row.session_id,
        },
      },
      committed,
    );
    const member: MemberScope = {
      organizationId: row.organization_id,
      organizationSlug: row.slug,
      organizationName: row.name,
      memberId: row.member_id,
      role: row.role,
      crmAccess: row.crm_access === true,
      scope,
    };
    return { found: true as const, value: await fn(user, member) };
  });
  if (!result.found) return null;
  await runCommitted(committed);
  return result.value;
}
