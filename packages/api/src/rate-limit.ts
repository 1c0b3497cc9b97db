// Rate limits for API calls that cost us or other people something (mail sent on our behalf,
// organizations created now; posts, chat messages and AI calls later), counted in PostgreSQL so
// every server process shares the counts. Two scopes:
// - per member of an organization (api_rate_limit, a tenant table): counted inside the call's
//   tenant transaction, so a call that fails for any reason, including this limit, is not counted;
// - per user (user_rate_limit), across organizations. Outside any organization it is counted in a
//   statement of its own before the call, so every attempt counts, failed ones included (what
//   limits probing, and what a costly call such as an AI request needs); in an organization
//   procedure, in its tenant transaction like a per-member limit.
import {
  and,
  apiRateLimit,
  countForAddress,
  type Database,
  decide,
  eq,
  lt,
  nextWindow,
  type RateWindow,
  type TenantDb,
  type TenantScope,
  userRateLimit,
} from "@guild/db";
import { initTRPC } from "@trpc/server";
import { RateLimitedError } from "./errors.ts";

export interface RateLimit extends RateWindow {
  /** Finishes "Too many …": e.g. "invitations sent". */
  what: string;
}

/**
 * Changes (mutations) one member may make in an organization per window: far more than a person
 * makes by hand, far fewer than a script (2,500 leads with 5 KB notes went in in 8 seconds).
 */
export const MEMBER_WRITE_BUDGET: RateLimit = { max: 300, windowSeconds: 300, what: "changes" };

/** "45 seconds", "12 minutes", "3 hours": a wait as people say it, rounded up. */
export function inWords(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.ceil(seconds))} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`;
}

/** Throws TOO_MANY_REQUESTS, saying when to retry, once the window's calls exceed max. */
function refuseOverLimit(
  row: { count: number; windowStartedAt: Date } | undefined,
  limit: RateLimit,
  now: Date,
): void {
  if (!row) throw new Error("rate limit upsert returned no row");
  const decision = decide(row, limit, now);
  if (decision.allowed) return;
  throw new RateLimitedError(
    `Too many ${limit.what}: ${limit.max} allowed per ${inWords(limit.windowSeconds)}. Try again in ${inWords(decision.retryAfterSeconds)}.`,
    decision.retryAfterSeconds,
  );
}

/** Drops an organization's counters whose window ended over a day ago (none is longer). */
export async function pruneRateLimits(scope: TenantScope) {
  await scope.db
    .delete(apiRateLimit)
    .where(
      and(
        eq(apiRateLimit.organizationId, scope.organizationId),
        lt(apiRateLimit.windowStartedAt, new Date(scope.now().getTime() - 86_400_000)),
      ),
    );
}

/** Counts one call against an organization's `key`, in its tenant transaction. */
export async function consumeRateLimit(
  tx: TenantDb,
  organizationId: string,
  key: string,
  limit: RateLimit,
  now: Date,
): Promise<void> {
  const [row] = await tx
    .insert(apiRateLimit)
    .values({ organizationId, key, count: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: [apiRateLimit.organizationId, apiRateLimit.key],
      set: nextWindow(apiRateLimit, limit.windowSeconds, now),
    })
    .returning({ count: apiRateLimit.count, windowStartedAt: apiRateLimit.windowStartedAt });
  refuseOverLimit(row, limit, now);
}

/**
 * Counts one call against a user's `key`: committed at once on the app's database, or inside an
 * organization procedure's tenant transaction (where RLS lets it touch only that user's rows).
 */
export async function consumeUserRateLimit(
  db: Database | TenantDb,
  userId: string,
  key: string,
  limit: RateLimit,
  now: Date,
): Promise<void> {
  const [row] = await db
    .insert(userRateLimit)
    .values({ userId, key, count: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: [userRateLimit.userId, userRateLimit.key],
      set: nextWindow(userRateLimit, limit.windowSeconds, now),
    })
    .returning({ count: userRateLimit.count, windowStartedAt: userRateLimit.windowStartedAt });
  refuseOverLimit(row, limit, now);
}

// Procedure plugins (tRPC's `.concat()`): each states the context it needs, and concatenating it
// onto a procedure whose context lacks that does not compile.
const memberPlugin = initTRPC
  .context<{
    db: TenantDb;
    organizationId: string;
    member: { memberId: string };
    now: () => Date;
  }>()
  .create();
const userPlugin = initTRPC
  .context<{ db: Database | TenantDb; user: { id: string }; now: () => Date }>()
  .create();

/**
 * `orgProcedure.concat(rateLimitPerMember("invitation.send", { ... }))`: at most `max` calls per
 * member of the organization per window, counted in the tenant transaction.
 */
export function rateLimitPerMember(bucket: string, limit: RateLimit) {
  return memberPlugin.procedure.use(async ({ ctx, next }) => {
    await consumeRateLimit(
      ctx.db,
      ctx.organizationId,
      `${bucket}:${ctx.member.memberId}`,
      limit,
      ctx.now(),
    );
    return next();
  });
}

/**
 * `authedProcedure.concat(rateLimitPerUser("organization.create", { ... }))`: at most `max`
 * attempts per signed-in user per window, failed ones included.
 */
export function rateLimitPerUser(bucket: string, limit: RateLimit) {
  return userPlugin.procedure.use(async ({ ctx, next }) => {
    await consumeUserRateLimit(ctx.db, ctx.user.id, bucket, limit, ctx.now());
    return next();
  });
}

const addressPlugin = initTRPC
  .context<{ db: Database; request: { ip: string | null }; now: () => Date }>()
  .create();

/**
 * `publicProcedure.concat(rateLimitPerClient("publicPage", { ... }))`: at most `max` calls per
 * client address per window, for what anyone may call signed out (a public page): counted in a
 * statement of its own before the call, failed ones included. Addresses are kept hashed.
 */
export function rateLimitPerClient(bucket: string, limit: RateLimit) {
  return addressPlugin.procedure.use(async ({ ctx, next }) => {
    const now = ctx.now();
    const decision = await countForAddress(
      ctx.db,
      bucket,
      `client:${ctx.request.ip ?? "unknown"}`,
      limit,
      now,
    );
    if (!decision.allowed)
      throw new RateLimitedError(
        `Too many ${limit.what}: ${limit.max} allowed per ${inWords(limit.windowSeconds)}. Try again in ${inWords(decision.retryAfterSeconds)}.`,
        decision.retryAfterSeconds,
      );
    return next();
  });
}
