// "This user's sessions are gone": a wake-up for their open event streams in every server
// process, so a ban (or any revocation that calls this) ends them at once instead of at their
// next periodic re-check (recheckIntervalMs, 30 s). Only a wake-up: each stream then checks its
// session again in the database, which alone decides, so a lost notification only delays the end.
import { type Database, sql } from "@guild/db";

/** The NOTIFY channel: payload `<user id>`. */
export const SESSIONS_REVOKED_CHANNEL = "guild_sessions_revoked";

/**
 * Call in the transaction that deletes the sessions: PostgreSQL delivers the notification at its
 * commit (never for a rollback), so the streams' re-check already finds no session.
 */
export async function notifySessionsRevoked(
  tx: Pick<Database, "execute">,
  userId: string,
): Promise<void> {
  await tx.execute(sql`select pg_notify(${SESSIONS_REVOKED_CHANNEL}, ${userId})`);
}
