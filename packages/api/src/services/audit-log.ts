// The platform audit log (packages/db/src/schema/audit-log.ts). Every admin action writes its
// row through recordAudit with the transaction that does the action: both commit or neither.
import {
  type AuditAction,
  type AuditTargetType,
  auditLog,
  type Database,
  desc,
  sql,
} from "@guild/db";

/** Who did it, and from where (the request's address and user agent). */
export interface AuditActor {
  id: string;
  email: string;
  ip: string | null;
  userAgent: string | null;
}

/** A transaction (or the database) that can write the row. */
type Writer = Pick<Database, "insert">;

export async function recordAudit(
  tx: Writer,
  actor: AuditActor,
  entry: {
    action: AuditAction;
    targetType: AuditTargetType;
    targetId: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.id,
    actorEmail: actor.email,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ?? {},
    ip: actor.ip,
    userAgent: actor.userAgent,
  });
}

/** The log, newest first, a page at a time (keyset on (at, id)). */
export async function listAuditLog(
  db: Database,
  input: { cursor?: { at: Date; id: string } | null | undefined; limit: number },
) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      input.cursor
        ? sql`(${auditLog.at}, ${auditLog.id}) < (${input.cursor.at.toISOString()}::timestamptz, ${input.cursor.id}::uuid)`
        : undefined,
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? { at: last.at, id: last.id } : null,
  };
}
