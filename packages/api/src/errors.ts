import type { LessonLock } from "./schemas/learning.ts";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  // A service we depend on (SMTP, Stripe, the model provider) failed; the message says what
  // stands and what to do.
  | "SERVICE_UNAVAILABLE";

/**
 * Why a refusal happened, in terms the UI can act on (e.g. PLAN_LIMIT: offer the upgrade). The
 * code says what kind of refusal it is; the reason, which one.
 */
export type AppErrorReason =
  | "PLAN_LIMIT"
  | "CRM_ACCESS"
  // A spend larger than the member's credit balance (CONFLICT: the request is fine, the balance
  // is what stands in the way; buying or being granted credits resolves it).
  | "INSUFFICIENT_CREDITS"
  | "RATE_LIMIT"
  // An invitation link that can no longer be used (the sign-in or sign-up it offers differs).
  | "INVITATION_ACCEPTED"
  | "INVITATION_CLOSED"
  | "INVITATION_EXPIRED"
  // The front door (services/join.ts): the organization takes members by invitation only, or the
  // caller is a member already (the page offers "Open" instead).
  | "JOIN_INVITATION_ONLY"
  | "ALREADY_MEMBER"
  /** The organization banned the person (organization-ban.ts): no way back in. */
  | "BANNED_FROM_ORGANIZATION"
  /** A lesson the caller may not open yet (services/lesson.ts): the error's data lists why. */
  | "LESSON_LOCKED"
  /** A live session below the caller's level (services/live-session.ts): "Reach level 3 …". */
  | "SESSION_LOCKED"
  // Model calls (ai/errors.ts): the provider rate limited us (TOO_MANY_REQUESTS), failed or was
  // unreachable, took too long, or cut its answer off; or no model is configured at all.
  | "AI_RATE_LIMITED"
  | "AI_UNAVAILABLE"
  | "AI_TIMEOUT"
  | "AI_STREAM_CUT"
  | "AI_DISABLED";

/**
 * A PLAN_LIMIT refusal's figures (sent in the error's data as planLimit): which limit, the plan's
 * allowance and what is in use, so the UI can say "3 of 3 staff seats" and offer the upgrade.
 */
export interface PlanLimitDetails {
  entitlement: "staffSeats" | "communityMembers" | "spaces" | "courses";
  limit: number;
  current: number;
  planKey: string;
}

export interface AppErrorOptions extends ErrorOptions {
  /** The input field the message belongs to: forms show it next to that field. */
  field?: string | undefined;
  reason?: AppErrorReason | undefined;
  planLimit?: PlanLimitDetails | undefined;
  /** With LESSON_LOCKED: each reason the lesson is closed to the caller. */
  locks?: LessonLock[] | undefined;
}

/**
 * A domain error thrown by services, jobs and webhooks. tRPC-free, so anything can import it;
 * the API maps it to a TRPCError in one place (trpc-errors.ts).
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly field: string | undefined;
  readonly reason: AppErrorReason | undefined;
  readonly planLimit: PlanLimitDetails | undefined;
  readonly locks: LessonLock[] | undefined;
  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
    this.reason = options.reason;
    this.planLimit = options.planLimit;
    this.locks = options.locks;
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);

/** TOO_MANY_REQUESTS, with when to try again (sent as the Retry-After header over HTTP). */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super("TOO_MANY_REQUESTS", message, { reason: "RATE_LIMIT" });
    this.name = "RateLimitedError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The PostgreSQL error inside an error, looking through drizzle's wrapping ("Failed query"). */
function pgError(error: unknown): { code: string; message: string } | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (
      typeof e === "object" &&
      "code" in e &&
      typeof e.code === "string" &&
      /^[0-9A-Z]{5}$/.test(e.code)
    )
      return { code: e.code, message: "message" in e ? String(e.message) : "" };
    e = typeof e === "object" && "cause" in e ? e.cause : undefined;
  }
  return null;
}

/** The PostgreSQL SQLSTATE of an error. */
export function pgErrorCode(error: unknown): string | null {
  return pgError(error)?.code ?? null;
}

export function pgErrorMessage(error: unknown): string | null {
  return pgError(error)?.message ?? null;
}
