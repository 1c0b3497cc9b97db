import {
  hasRole,
  isBanned,
  type MemberRole,
  type MemberScope,
  NotAMemberError,
  retryOnConflict,
  type SessionUser,
  type TenantScope,
  withSessionMembership,
} from "@guild/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Context } from "./context.ts";
import type { AppError } from "./errors.ts";
import type { PolicyActor } from "./policies/policy.ts";
import { consumeRateLimit, MEMBER_WRITE_BUDGET } from "./rate-limit.ts";
import { type EffectivePlan, effectivePlan, rememberPlan } from "./services/entitlements.ts";
import { holdMembership } from "./services/member.ts";
import { touchLastSeen } from "./services/member-profile.ts";
import { transformer } from "./transformer.ts";
import { fieldOf, locksOf, planLimitOf, reasonOf, toTRPCError } from "./trpc-errors.ts";

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";

const t = initTRPC.context<Context>().create({
  transformer,
  // Event streams (realtime.events) over server-sent events. A ping after 10 s of silence keeps
  // proxies (nginx cuts idle reads at 60 s) and the client's inactivity timer content; a client
  // hearing nothing for 25 s (a half-open connection) drops the stream and resumes from its last
  // event id. No maxDurationMs: the stream re-checks the member itself, and every forced
  // reconnect would leave EventSource's ~3 s blind spot.
  sse: {
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof z.ZodError ? z.flattenError(error.cause) : null;
    const field = fieldOf(error.cause);
    // An unexpected error's message and stack can hold SQL, its parameters or other internals:
    // the host logs them (createFetchHandler's onError); the caller only learns that it failed.
    // An input error's message (and so its stack) is zod's issue list as JSON, with regex
    // sources and enum values: the caller gets the first issue's sentence, and the field errors.
    // (tRPC sends stacks outside production; other errors' stacks hold nothing of that kind.)
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    const { stack, ...data } = shape.data;
    const message = internal
      ? INTERNAL_ERROR_MESSAGE
      : error.cause instanceof z.ZodError
        ? (error.cause.issues[0]?.message ?? "Invalid input")
        : shape.message;
    return {
      ...shape,
      message,
      data: {
        ...data,
        ...(stack && !internal && !zod ? { stack } : {}),
        // Field → messages, for forms: from zod input validation or a domain error's field.
        fieldErrors: zod?.fieldErrors ?? (field ? { [field]: [error.message] } : null),
        formErrors: zod?.formErrors ?? null,
        /** Why, for the UI to act on (e.g. PLAN_LIMIT: offer the upgrade). */
        reason: reasonOf(error.cause) ?? null,
        /** With PLAN_LIMIT: which limit, the plan's allowance and what is in use. */
        planLimit: planLimitOf(error.cause) ?? null,
        /** With LESSON_LOCKED: why the lesson is closed (prerequisite, tier, drip…). */
        locks: locksOf(error.cause) ?? null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error);
    if (mapped && mapped !== result.error) throw mapped;
  }
  return result;
});

const suspended = () => new TRPCError({ code: "FORBIDDEN", message: "This account is suspended" });
const signIn = () => new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });

/** Anyone. */
export const publicProcedure = t.procedure.use(mapErrors);

/** A signed-in user who is not banned. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await ctx.getSession();
  if (!session) throw signIn();
  const { user } = session;
  if (isBanned(user, ctx.now())) throw suspended();
  return next({ ctx: { session: session.session, user } });
});

/** The session and organization an organization procedure is for, or why there is none. */
function organizationRequest(ctx: Context) {
  if (!ctx.orgSlug)
    throw new TRPCError({ code: "BAD_REQUEST", message: "No organization named in the request" });
  const token = ctx.sessionToken();
  if (!token) throw signIn();
  return { token, slug: ctx.orgSlug };
}

/**
 * Runs fn for a member of the organization, in a tenant transaction opened by the membership
 * check itself (one statement). A banned user or a non-member is refused before fn runs; no
 * session at all is UNAUTHORIZED.
 */
async function asMember<T>(
  ctx: Context,
  token: string,
  organization: { slug: string } | { id: string },
  fn: (user: SessionUser, member: MemberScope, plan: EffectivePlan) => Promise<T>,
): Promise<T> {
  const slug = ctx.orgSlug ?? "";
  // A deadlock or serialization failure rolled the whole procedure back: it runs again (its
  // effects outside the database wait for the commit), instead of answering CONFLICT.
  const found = await retryOnConflict(() =>
    withSessionMembership(
      ctx.db,
      { token, organization, clock: ctx.clock, request: ctx.request },
      async (user, member) => {
        if (isBanned(user, ctx.now())) throw suspended();
        if (!member) throw new NotAMemberError(slug);
        // Read in the same statement: entitlement checks in this transaction cost nothing more.
        const plan = effectivePlan(member.plan, ctx.now());
        rememberPlan(member.scope, plan);
        return { value: await fn(user, member, plan) };
      },
    ),
  );
  if (!found) throw signIn();
  return found.value;
}

/**
 * Every change a member makes in an organization spends from one budget (MEMBER_WRITE_BUDGET),
 * counted in the tenant transaction, so a call that fails is not counted. A person never comes
 * near it; a script posting thousands of leads a minute is refused with TOO_MANY_REQUESTS and
 * Retry-After. Procedures that cost more (mail, AI) add limits of their own on top.
 */
function spendWriteBudget(scope: TenantScope, memberId: string): Promise<void> {
  return consumeRateLimit(
    scope.db,
    scope.organizationId,
    `write:${memberId}`,
    MEMBER_WRITE_BUDGET,
    scope.now(),
  );
}

/**
 * A member of the organization named by the request. The membership check and the tenant
 * transaction are one, around the whole procedure: ctx.scope is the member's TenantScope (and
 * ctx.db its TenantDb), so the procedure cannot reach the unscoped database. Any error rolls the
 * transaction back: no partial writes.
 */
export const orgProcedure = publicProcedure.use(async ({ ctx, next, type }) => {
  const { token, slug } = organizationRequest(ctx);
  return asMember(ctx, token, { slug }, async (user, { scope, plan: _row, ...member }, plan) => {
    if (type === "mutation") await spendWriteBudget(scope, member.memberId);
    const out = await next({
      ctx: { db: scope.db, scope, organizationId: member.organizationId, member, user, plan },
    });
    if (!out.ok) throw out.error;
    // "Online / last seen" on profiles: at most one small write a minute per member.
    await touchLastSeen(scope, member.memberId);
    return out;
  });
});

/**
 * A member of the organization named by the request, for procedures that wait on the outside
 * world (Stripe, an LLM, a slow mail relay) or stream: after the membership check the procedure
 * holds no pooled connection and no row lock. It runs its database work in short tenant
 * transactions, `ctx.tenant(scope => …)`, each of which checks the session and membership again
 * (a member removed meanwhile is refused). ctx.db is gone, so nothing runs outside them.
 */
export const orgLongProcedure = longProcedure();

/**
 * orgLongProcedure for a member whose role is at least `min` (billing calls that wait on Stripe).
 * The role is checked in the membership's transaction, before the write budget is spent: a refused
 * call changes nothing.
 */
export function roleLongProcedure(min: MemberRole) {
  return longProcedure(min);
}

function longProcedure(min?: MemberRole) {
  return publicProcedure.use(async ({ ctx, next, type }) => {
    const { token, slug } = organizationRequest(ctx);
    const { user, member, plan } = await asMember(
      ctx,
      token,
      { slug },
      async (u, { scope, plan: _row, ...m }, p) => {
        if (min && !hasRole(m.role, min)) throw roleRefusal(min);
        // Counted up front: the procedure's own transactions come later.
        if (type === "mutation") await spendWriteBudget(scope, m.memberId);
        return { user: u, member: m, plan: p };
      },
    );
    const tenant = <T>(fn: (scope: TenantScope) => Promise<T>): Promise<T> =>
      asMember(ctx, token, { id: member.organizationId }, (_user, current) => fn(current.scope));
    return next({
      ctx: { db: undefined, tenant, organizationId: member.organizationId, member, user, plan },
    });
  });
}

/**
 * A member's subscription (an event stream). A middleware's next() returns as soon as the
 * resolver has returned its generator, before the first event, so no transaction can wrap a
 * stream: this is orgLongProcedure (the membership checked once, in its own short transaction),
 * and the stream reads through ctx.tenant, which checks session and membership again each time.
 * Errors the stream throws bypass the middlewares (mapErrors included): a stream throws
 * TRPCErrors itself (toTRPCError); any other error reaches the client as a retryable 500.
 */
export const orgSubscriptionProcedure = orgLongProcedure;

function roleRefusal(min: MemberRole) {
  return new TRPCError({ code: "FORBIDDEN", message: `Only ${min}s and above can do this` });
}

/**
 * A member with a capability: a right that does not depend on which row the call names (CRM
 * access, a plan feature). It is checked before any row is read, so the refusal (FORBIDDEN,
 * with a reason the web can act on) is the same whatever the input names: it tells nothing
 * about the organization's rows. A right that depends on the row is a resource rung (rungs.ts).
 */
export function capabilityProcedure(
  allowed: (actor: PolicyActor) => boolean,
  refusal: (actor: PolicyActor) => AppError,
) {
  return orgProcedure.use(({ ctx, next }) => {
    if (!allowed(ctx.member)) throw refusal(ctx.member);
    return next();
  });
}

export interface RoleProcedureOptions {
  /**
   * Mutations hold the actor's membership row (FOR SHARE) before the role is checked, and the
   * check reads it again under that lock (default true). A removal or demotion then waits for
   * the mutation to commit, and what it cleans up (the invitations the member sent) includes
   * what the mutation wrote; a mutation that comes after it sees the new role. Without the
   * hold, 12 parallel invitations racing the inviter's removal kept 10 open.
   * member.* pass false: they lock every member row they depend on themselves, in one order
   * (services/member.ts lockMembers); holding the actor's row first would deadlock them.
   */
  holdMembership?: boolean;
}

/** A member whose role is at least `min` (owner > admin > moderator > member). */
export function roleProcedure(min: MemberRole, options: RoleProcedureOptions = {}) {
  const hold = options.holdMembership ?? true;
  return orgProcedure.use(async ({ ctx, type, next }) => {
    if (!(hold && type === "mutation")) {
      if (!hasRole(ctx.member.role, min)) throw roleRefusal(min);
      return next();
    }
    const scope = await holdMembership(ctx.scope);
    if (scope?.actor.kind !== "member") throw new NotAMemberError(ctx.member.organizationSlug);
    const member = { ...ctx.member, role: scope.actor.role, crmAccess: scope.actor.crmAccess };
    if (!hasRole(member.role, min)) throw roleRefusal(min);
    return next({ ctx: { scope, member } });
  });
}

/** What an organization procedure's resolver gets. */
export type OrgContext = Parameters<Parameters<typeof orgProcedure.query>[0]>[0]["ctx"];
