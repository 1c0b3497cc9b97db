// A transaction PostgreSQL ended to break a deadlock (40P01) or because it could not serialize
// (40001) did nothing: it was rolled back whole. PostgreSQL's answer to both is "run it again",
// and a request should not hand that chore to the person who clicked. Two transactions that
// lock the same rows in opposite orders are rare (publish() writes last for that reason, see
// @guild/api's realtime/event-log.ts), but a second attempt, a moment later, almost always meets
// no one.

/** SQLSTATEs after which running the whole transaction again is safe and likely to succeed. */
const RETRYABLE = new Set(["40P01", "40001"]);

/** The SQLSTATE inside an error, looking through wrappers' causes (drizzle, tRPC). */
function sqlStateOf(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (
      typeof e === "object" &&
      "code" in e &&
      typeof e.code === "string" &&
      /^[0-9A-Z]{5}$/.test(e.code)
    )
      return e.code;
    e = typeof e === "object" && "cause" in e ? e.cause : undefined;
  }
  return null;
}

export function isRetryableConflict(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== null && RETRYABLE.has(state);
}

/**
 * Runs `transaction` (a whole transaction: withTenant, withSessionMembership, …) and, when
 * PostgreSQL rolled it back for a deadlock or a serialization failure, runs it again after a
 * short random pause, up to `attempts` times in all. Only for work whose effects outside the
 * database wait for the commit (scope.afterCommit, jobs): an attempt that failed left none.
 */
export async function retryOnConflict<T>(transaction: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      // Apart in time, the two transactions no longer meet.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
