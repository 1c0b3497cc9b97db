import type { ExtractTablesWithRelations } from "drizzle-orm";
import { PgDialect, type PgTransaction } from "drizzle-orm/pg-core";
import {
  type PostgresJsQueryResultHKT,
  PostgresJsSession,
  PostgresJsTransaction,
} from "drizzle-orm/postgres-js";
import type { ReservedSql, Row, Sql, TransactionSql } from "postgres";
import { CASING, type Database, type Schema } from "./client.ts";
import type { MemberRole } from "./enums/index.ts";
import { enqueueJob } from "./jobs.ts";
import {
  type OrganizationPlanColumns,
  type OrganizationPlanRow,
  organizationPlanRow,
  organizationPlanSql,
} from "./organization-plan.ts";
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
 * The tenant transaction's settings, as select-list items of its first statement (all
 * transaction-local): the guild_tenant role, the organization RLS filters on, the actor's kind
 * and, for a member, their member and user ids (member-owned tables, per-user counters). The
 * queries that want generic plans ask for them themselves (withGenericPlan, plan.ts).
 */
function tenantSettings(organizationId: string, actor: string, memberId: string, userId: string) {
  return `set_config('role', 'guild_tenant', true),
          set_config('app.organization_id', ${organizationId}, true),
          set_config('app.actor', ${actor}, true),
          set_config('app.member_id', ${memberId}, true),
          set_config('app.user_id', ${userId}, true)`;
}

const dialect = new PgDialect({ casing: CASING });

type Relations = ExtractTablesWithRelations<Schema>;
type Transaction = PgTransaction<PostgresJsQueryResultHKT, Schema, Relations>;

/** A transaction's client: a reserved connection (so every Sql member) that also has savepoint. */
type TransactionClient = Sql & TransactionSql;

/** The first error of the statements sent through a transaction client, if one failed. */
interface Failures {
  first: { error: unknown } | null;
}

/** Whether the transaction is over: its connection may be serving someone else's by now. */
interface Lifetime {
  ended: boolean;
}

const endedError = () =>
  new Error(
    "This tenant transaction has ended: its TenantDb cannot run statements any more (keep database work inside withTenant / the procedure)",
  );

/**
 * The connection as a tenant transaction's drizzle client sees it: every statement prepared (as
 * createDb's pool does), nested transactions as savepoints, and, as postgres.js's own begin()
 * does, the first statement that failed remembered even if the code caught it: the transaction
 * is aborted from then on, so it must not end as if it had worked. Once the transaction has
 * ended it refuses to run anything: the connection goes back to the pool, and a TenantDb kept
 * past its transaction (a stray promise, an afterCommit task) would otherwise run its statement
 * in whatever transaction, of whatever organization, holds that connection next.
 */
function transactionClient(
  connection: ReservedSql,
  failures: Failures,
  lifetime: Lifetime,
  savepoints = { count: 0 },
): TransactionClient {
  const savepoint = async <T>(fn: (client: TransactionClient) => Promise<T>): Promise<T> => {
    if (lifetime.ended) throw endedError();
    const name = `s${savepoints.count++}`;
    // A failure inside the savepoint is undone with it: the outer transaction goes on.
    const inner: Failures = { first: null };
    await connection.unsafe(`savepoint ${name}`);
    try {
      const result = await fn(transactionClient(connection, inner, lifetime, savepoints));
      if (inner.first) throw inner.first.error;
      return result;
    } catch (error) {
      await connection.unsafe(`rollback to ${name}`);
      throw error;
    }
  };
  const remember = (error: unknown) => {
    failures.first ??= { error };
  };
  const client = new Proxy(connection, {
    get(target, prop, receiver) {
      if (prop === "unsafe")
        return (query: string, parameters?: never[], options?: object) => {
          if (lifetime.ended) throw endedError();
          const pending = target.unsafe(query, parameters, { ...options, prepare: true });
          pending.catch(remember);
          return pending;
        };
      if (prop === "savepoint") return savepoint;
      return Reflect.get(target, prop, receiver);
    },
  });
  // What the proxy adds to the reserved connection is what drizzle's transaction calls beyond
  // unsafe(): savepoint() (nested transactions). Two-phase prepare() is not offered.
  return client as unknown as TransactionClient;
}

/**
 * A transaction on one reserved connection whose BEGIN and first statement (the tenant settings)
 * leave in one write and come back in one read: postgres.js's begin() waits for BEGIN alone
 * first, a round trip of its own on every request. Then fn with the first statement's rows, and
 * COMMIT, or ROLLBACK when anything failed.
 */
async function tenantTransaction<R extends Row, T>(
  db: Database,
  opening: { text: string; parameters: string[] },
  fn: (tx: Transaction, rows: R[]) => Promise<T>,
): Promise<T> {
  const connection = await db.$client.reserve();
  const failures: Failures = { first: null };
  const lifetime: Lifetime = { ended: false };
  try {
    const [, rows] = await Promise.all([
      connection.unsafe("begin"),
      connection.unsafe<R[]>(opening.text, opening.parameters, { prepare: true }),
    ]);
    const schema = db._.schema && {
      fullSchema: db._.fullSchema,
      schema: db._.schema,
      tableNamesMap: db._.tableNamesMap,
    };
    const session = new PostgresJsSession<TransactionClient, Schema, Relations>(
      transactionClient(connection, failures, lifetime),
      dialect,
      schema,
    );
    const result = await fn(new PostgresJsTransaction(dialect, session, schema), rows);
    if (failures.first) throw failures.first.error;
    await connection.unsafe("commit");
    return result;
  } catch (error) {
    await connection.unsafe("rollback").catch(() => {});
    throw error;
  } finally {
    lifetime.ended = true;
    connection.release();
  }
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
function createScope(tx: Transaction, target: TenantTarget, hooks: ScopeHooks): TenantScope {
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
    beforeCommit: (task) => {
      hooks.precommit.push(task);
    },
    afterCommit: (task) => {
      hooks.committed.push(task);
    },
  };
}

/** The tasks a scope was given: run at the end of its transaction, and after its commit. */
interface ScopeHooks {
  precommit: Array<() => Promise<void>>;
  committed: Array<() => Promise<void>>;
}

async function runInOrder(tasks: Array<() => Promise<void>>) {
  for (const task of tasks) await task();
}

const withTenantOpening = `select ${tenantSettings("$1", "$2", "$3", "$4")}`;

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
  const { actor } = target;
  const opening = {
    text: withTenantOpening,
    parameters: [
      target.organizationId,
      actor.kind,
      actor.kind === "member" ? actor.memberId : "",
      actor.kind === "member" ? actor.userId : "",
    ],
  };
  const result = await tenantTransaction(db, opening, async (tx) => {
    const precommit: Array<() => Promise<void>> = [];
    const value = await fn(createScope(tx, target, { committed, precommit }));
    await runInOrder(precommit);
    return value;
  });
  await runInOrder(committed);
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
  /**
   * The organization's current subscription and the Free plan, read in the same statement: what
   * @guild/api's entitlements service decides the plan from, at no extra round trip.
   */
  plan: OrganizationPlanRow;
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

interface SessionMembershipRow extends OrganizationPlanColumns {
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
 * The session by its token (unexpired), its user, the membership in the organization ($2, by
 * slug or id) and the tenant transaction's settings for that member, in one statement.
 */
function sessionMembershipStatement(organizationMatch: string) {
  const plan = organizationPlanSql("o.id");
  return `select s.id as session_id, u.id as user_id, u.name as user_name, u.email as user_email,
                 u.banned, u.ban_expires,
                 o.id as organization_id, o.slug, o.name, m.id as member_id, m.role,
                 m.crm_access, ${plan.columns},
                 ${tenantSettings(
                   "coalesce(o.id::text, '')",
                   "case when m.id is null then '' else 'member' end",
                   "coalesce(m.id::text, '')",
                   "u.id::text",
                 )}
          from session s
          join "user" u on u.id = s.user_id
          left join (member m join organization o on o.id = m.organization_id and ${organizationMatch})
            on m.user_id = u.id
          ${plan.joins}
          where s.token = $1 and s.expires_at > now()`;
}
const sessionMembershipBySlug = sessionMembershipStatement("o.slug = $2");
const sessionMembershipById = sessionMembershipStatement("o.id = $2");

type Found<T> = { found: false } | { found: true; value: T };

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
  const precommit: Array<() => Promise<void>> = [];
  const opening =
    "slug" in input.organization
      ? { text: sessionMembershipBySlug, parameters: [input.token, input.organization.slug] }
      : { text: sessionMembershipById, parameters: [input.token, input.organization.id] };
  const result = await tenantTransaction<SessionMembershipRow, Found<T>>(
    db,
    opening,
    async (tx, rows) => {
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
        { committed, precommit },
      );
      const member: MemberScope = {
        organizationId: row.organization_id,
        organizationSlug: row.slug,
        organizationName: row.name,
        memberId: row.member_id,
        role: row.role,
        crmAccess: row.crm_access === true,
        plan: organizationPlanRow(row),
        scope,
      };
      const value = await fn(user, member);
      await runInOrder(precommit);
      return { found: true as const, value };
    },
  );
  if (!result.found) return null;
  await runInOrder(committed);
  return result.value;
}
