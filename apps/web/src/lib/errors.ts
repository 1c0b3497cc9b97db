// Reads the shape the API's errorFormatter gives tRPC errors, from any thrown value, without
// trusting it: server data is checked, never cast.

function dataOf(error: unknown): Record<string, unknown> | null {
  if (typeof error !== "object" || error === null || !("data" in error)) return null;
  const { data } = error;
  return typeof data === "object" && data !== null ? { ...data } : null;
}

/** The tRPC error code (NOT_FOUND, FORBIDDEN, ...), if the value is a tRPC error. */
export function errorCode(error: unknown): string | undefined {
  const code = dataOf(error)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Why the API refused, for the UI to act on (e.g. CRM_ACCESS, PLAN_LIMIT), if it said. */
export function errorReason(error: unknown): string | undefined {
  const reason = dataOf(error)?.reason;
  return typeof reason === "string" ? reason : undefined;
}

export function isNotFound(error: unknown): boolean {
  return errorCode(error) === "NOT_FOUND";
}

export type FieldErrors = Record<string, string[]>;

/** Field → messages from a server error (zod input errors or a domain error's field). */
export function serverFieldErrors(error: unknown): FieldErrors {
  const raw = dataOf(error)?.fieldErrors;
  const result: FieldErrors = {};
  if (typeof raw !== "object" || raw === null) return result;
  for (const [field, messages] of Object.entries(raw)) {
    if (Array.isArray(messages)) {
      const texts = messages.filter((m): m is string => typeof m === "string");
      if (texts.length) result[field] = texts;
    }
  }
  return result;
}

/** An error whose message was written for the person reading it, e.g. a mapped better-auth error. */
export class UserFacingError extends Error {}

/** fetch() could not reach the server at all (offline, DNS, refused), directly or inside tRPC's error. */
function isNetworkFailure(error: unknown): boolean {
  const cause = error instanceof Error && error.cause instanceof TypeError ? error.cause : error;
  return (
    cause instanceof TypeError &&
    /failed to fetch|networkerror|load failed|network request failed/i.test(cause.message)
  );
}

/**
 * A sentence to show the person for any error. Only the API's own refusals (a tRPC error with a
 * code other than INTERNAL_SERVER_ERROR) and UserFacingErrors are shown as they come: anything
 * else (a proxy's HTML error page that failed to parse as JSON, a crash) is not written for
 * people and gets the fallback.
 */
export function errorMessage(
  error: unknown,
  fallback = "Something went wrong. Please try again.",
): string {
  if (error instanceof UserFacingError) return error.message;
  if (isNetworkFailure(error)) return "Cannot reach the server. Check your connection.";
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : "";
  if (!code || code === "INTERNAL_SERVER_ERROR") return fallback;
  // The API's limits say which limit and when to retry.
  if (code === "TOO_MANY_REQUESTS")
    return message || "Too many attempts. Wait a minute and try again.";
  return message || fallback;
}
