// better-auth's rate limits as Guild stores them: per client address and route (its own limiter,
// with our storage), and per account for sign-in (our hooks). All counted in PostgreSQL, so every
// server process shares them.
import {
  countForAddress,
  type Database,
  type RateWindow,
  rateLimit,
  sql,
  uncountForAddress,
} from "@guild/db";
import type { BetterAuthRateLimitOptions } from "better-auth";
import { APIError } from "better-auth/api";

/** Whether a path (below /api/auth) is one of better-auth's endpoints, and which: its route. */
export type AuthRouteOf = (path: string) => string | null;

/** Routes of an auth instance's endpoints, plugins included ("/reset-password/:token"). */
export function authRoutes(api: Record<string, unknown>): AuthRouteOf {
  const paths = Object.values(api).flatMap((endpoint) =>
    typeof endpoint === "function" && "path" in endpoint && typeof endpoint.path === "string"
      ? [endpoint.path]
      : [],
  );
  const exact = new Set(paths.filter((path) => !path.includes(":")));
  // Templated ones: a parameter is one bounded path segment.
  const templated = paths
    .filter((path) => path.includes(":"))
    .map((path) => ({
      path,
      pattern: new RegExp(`^${path.replace(/:[^/]+/g, "[^/]{1,512}")}$`),
    }));
  return (path) => {
    if (exact.has(path)) return path;
    return templated.find((route) => route.pattern.test(path))?.path ?? null;
  };
}

/**
 * better-auth's per-address limiter keys its counters `address|path`, the path as asked for: every
 * reset token or callback id someone makes up added a row. This storage keys them by the route
 * instead (`address|/reset-password/:token`), and counts in one statement (better-auth's own
 * database storage reads, then writes, in up to four). Same semantics as better-auth's: a request
 * is allowed while the count is below max within `window` seconds of the last allowed one;
 * refused requests do not extend it.
 */
export function routeKeyedStorage(
  db: Database,
  routeOf: () => AuthRouteOf,
): NonNullable<BetterAuthRateLimitOptions["customStorage"]> {
  return {
    async consume(key, rule) {
      const bar = key.indexOf("|");
      const path = key.slice(bar + 1);
      const routeKey = `${key.slice(0, bar)}|${routeOf()(path) ?? path}`;
      const now = Date.now();
      const cutoff = now - rule.window * 1000;
      const counted = await db
        .insert(rateLimit)
        .values({ key: routeKey, count: 1, lastRequest: now })
        .onConflictDoUpdate({
          target: rateLimit.key,
          set: {
            count: sql`case when ${rateLimit.lastRequest} <= ${cutoff} then 1 else ${rateLimit.count} + 1 end`,
            lastRequest: now,
          },
          // Over the limit: nothing changes, and nothing is returned.
          setWhere: sql`${rateLimit.lastRequest} <= ${cutoff} or ${rateLimit.count} < ${rule.max}`,
        })
        .returning({ count: rateLimit.count });
      if (counted.length > 0) return { allowed: true, retryAfter: null };
      const [row] = await db
        .select({ lastRequest: rateLimit.lastRequest })
        .from(rateLimit)
        .where(sql`${rateLimit.key} = ${routeKey}`);
      const retryAfter = row ? Math.ceil((row.lastRequest + rule.window * 1000 - now) / 1000) : 1;
      return { allowed: false, retryAfter: Math.max(1, retryAfter) };
    },
  };
}

/** Failed sign-ins allowed per account (per email address, known or not) in a window. */
export const SIGN_IN_FAILURES: RateWindow = { max: 10, windowSeconds: 15 * 60 };

const SIGN_IN_PATH = "/sign-in/email";

/** "12 minutes": a wait as people say it, rounded up. */
function inWords(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.ceil(seconds))} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** The sign-in address of a request's body, if it has one. */
function signInAddress(path: string | undefined, body: unknown): string | null {
  if (path !== SIGN_IN_PATH || !body || typeof body !== "object" || !("email" in body)) return null;
  return typeof body.email === "string" && body.email.length <= 320 ? body.email : null;
}

/**
 * Sign-in attempts per account, whichever addresses they come from (the per-address limit alone
 * let 20 guesses from 4 addresses through, and the right password from a fifth). Every attempt is
 * counted before the password is checked (so parallel guesses cannot all slip in), and given back
 * unless it failed on the password: what remains is failures. An address without an account is
 * counted and refused exactly alike, so the refusal tells nothing about who has one. The owner of
 * the account is locked out with the attacker until the window ends: the price of not letting
 * guessing go on.
 */
export function signInThrottle(db: Database, window: RateWindow = SIGN_IN_FAILURES) {
  return {
    async before(path: string | undefined, body: unknown): Promise<void> {
      const address = signInAddress(path, body);
      if (address === null) return;
      const decision = await countForAddress(db, "sign-in", address, window, new Date());
      if (decision.allowed) return;
      const wait = String(decision.retryAfterSeconds);
      throw new APIError(
        "TOO_MANY_REQUESTS",
        {
          message: `Too many failed sign-ins for this account. Try again in ${inWords(decision.retryAfterSeconds)}.`,
        },
        { "retry-after": wait, "x-retry-after": wait },
      );
    },
    async after(path: string | undefined, body: unknown, returned: unknown): Promise<void> {
      const address = signInAddress(path, body);
      if (address === null) return;
      const failedOnPassword = returned instanceof APIError && returned.statusCode === 401;
      if (!failedOnPassword) await uncountForAddress(db, "sign-in", address);
    },
  };
}
