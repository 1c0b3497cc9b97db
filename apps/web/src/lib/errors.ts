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

/** A sentence to show the person for any error. */
export function errorMessage(
  error: unknown,
  fallback = "Something went wrong. Please try again.",
): string {
  const code = errorCode(error);
  // The API's limits say which limit and when to retry; keep a generic line for the others.
  if (code === "TOO_MANY_REQUESTS")
    return error instanceof Error && error.message
      ? error.message
      : "Too many attempts. Wait a minute and try again.";
  if (code === "INTERNAL_SERVER_ERROR") return fallback;
  if (error instanceof Error && error.message) {
    // Zod input errors arrive as a JSON list of issues: the field errors say it better.
    if (error.message.startsWith("[")) return "Some fields need attention.";
    if (error.message === "Failed to fetch")
      return "Cannot reach the server. Check your connection.";
    return error.message;
  }
  return fallback;
}
