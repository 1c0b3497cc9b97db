// Rate limits for API calls that cost us or other people something (mail sent on our behalf
// now; posts, chat messages and AI calls later). Counted in PostgreSQL (api_rate_limit, a tenant
// table), so every server process shares the counts, inside the call's tenant transaction: a
// call that fails for any reason, including this limit, rolls its count back and is not counted.
import { apiRateLimit, sql, type TenantDb } from "@guild/db";
import { experimental_standaloneMiddleware } from "@trpc/server";
import { RateLimitedError } from "./errors";

export interface RateLimit {
  /** Calls allowed per window. */
  max: number;
  windowSeconds: number;
  /** Finishes "Too many …": e.g. "invitations sent". */
  what: string;
}

/** "45 seconds", "12 minutes", "3 hours": a wait as people say it, rounded up. */
export function inWords(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.ceil(seconds))} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`;
}

/** Counts one call against `key`; throws TOO_MANY_REQUESTS once the window's calls exceed max. */
export async function consumeRateLimit(
  tx: TenantDb,
  organizationId: string,
  key: string,
  limit: RateLimit,
  now: Date,
): Promise<void> {
  const expired = sql`${apiRateLimit.windowStartedAt} <= ${now.toISOString()}::timestamptz - make_interval(secs => ${limit.windowSeconds})`;
  const [row] = await tx
    .insert(apiRateLimit)
    .values({ organizationId, key, count: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: [apiRateLimit.organizationId, apiRateLimit.key],
      set: {
        count: sql`case when ${expired} then 1 else ${apiRateLimit.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${apiRateLimit.windowStartedAt} end`,
      },
    })
    .returning({ count: apiRateLimit.count, windowStartedAt: apiRateLimit.windowStartedAt });
  if (!row) throw new Error("rate limit upsert returned no row");
  if (row.count > limit.max) {
    const retryIn =
      (row.windowStartedAt.getTime() + limit.windowSeconds * 1000 - now.getTime()) / 1000;
    throw new RateLimitedError(
      `Too many ${limit.what}: ${limit.max} allowed per ${inWords(limit.windowSeconds)}. Try again in ${inWords(retryIn)}.`,
      Math.max(1, Math.ceil(retryIn)),
    );
  }
}

/**
 * `procedure.use(rateLimitPerMember("invitation.send", { ... }))`: at most `max` calls per member
 * of the organization per window. For organization procedures (it needs the tenant transaction).
 */
export function rateLimitPerMember(bucket: string, limit: RateLimit) {
  return experimental_standaloneMiddleware<{
    ctx: {
      db: TenantDb;
      organizationId: string;
      member: { memberId: string };
      now: () => Date;
    };
  }>().create(async ({ ctx, next }) => {
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
