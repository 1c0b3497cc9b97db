// The counting every rate limit of Guild shares (packages/api/src/rate-limit.ts for members and
// users, better-auth's hooks for sign-in attempts per account, the mail job per recipient): one
// upsert per call on a row per (what, whom), in PostgreSQL so every server process sees the same
// count. A window starts with its first call and lasts windowSeconds; calls past `max` within it
// are refused (and still counted, so hammering does not help).
import { createHash } from "node:crypto";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "./client.ts";
import { addressRateLimit } from "./schema/index.ts";

export interface RateWindow {
  /** Calls allowed per window. */
  max: number;
  windowSeconds: number;
}

/**
 * The upsert's new counter: 1 in a fresh window (none yet, or the last one is over), else one
 * more; a window starts with its first call.
 */
export function nextWindow(
  columns: { count: AnyPgColumn; windowStartedAt: AnyPgColumn },
  windowSeconds: number,
  now: Date,
): { count: SQL; windowStartedAt: SQL } {
  const at = sql`${now.toISOString()}::timestamptz`;
  const expired = sql`${columns.windowStartedAt} <= ${at} - make_interval(secs => ${windowSeconds})`;
  return {
    count: sql`case when ${expired} then 1 else ${columns.count} + 1 end`,
    windowStartedAt: sql`case when ${expired} then ${at} else ${columns.windowStartedAt} end`,
  };
}

/** Whether a counted call is within its window's budget, and if not, when to come back. */
export type WindowDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The decision for a counter row as the upsert left it. */
export function decide(
  row: { count: number; windowStartedAt: Date },
  window: RateWindow,
  now: Date,
): WindowDecision {
  if (row.count <= window.max) return { allowed: true };
  const retryIn = row.windowStartedAt.getTime() + window.windowSeconds * 1000 - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryIn / 1000)) };
}

/** How an email address is kept in address_rate_limit: lower-cased, trimmed, hashed. */
export function addressHash(address: string): string {
  return createHash("sha256").update(address.trim().toLowerCase()).digest("hex");
}

/** Counts one call of `key` aimed at an email address (committed at once). */
export async function countForAddress(
  db: Database,
  key: string,
  address: string,
  window: RateWindow,
  now: Date,
): Promise<WindowDecision> {
  const [row] = await db
    .insert(addressRateLimit)
    .values({ key, addressHash: addressHash(address), count: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: [addressRateLimit.key, addressRateLimit.addressHash],
      set: nextWindow(addressRateLimit, window.windowSeconds, now),
    })
    .returning({
      count: addressRateLimit.count,
      windowStartedAt: addressRateLimit.windowStartedAt,
    });
  if (!row) throw new Error("rate limit upsert returned no row");
  return decide(row, window, now);
}

/** Takes back one counted call (it turned out not to be what is limited, e.g. a sign-in that worked). */
export async function uncountForAddress(db: Database, key: string, address: string) {
  await db
    .update(addressRateLimit)
    .set({ count: sql`greatest(${addressRateLimit.count} - 1, 0)` })
    .where(
      and(eq(addressRateLimit.key, key), eq(addressRateLimit.addressHash, addressHash(address))),
    );
}
