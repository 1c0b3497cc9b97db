import { NotAMemberError } from "@guild/db";
import { TRPCError } from "@trpc/server";
import {
  AppError,
  type AppErrorReason,
  type PlanLimitDetails,
  pgErrorCode,
  pgErrorMessage,
} from "./errors.ts";
import type { LessonLock } from "./schemas/learning.ts";

/** The one place domain and database errors become tRPC errors. Unknown errors stay 500. */
export function toTRPCError(error: unknown): TRPCError | null {
  if (error instanceof TRPCError && !(error.cause && error.code === "INTERNAL_SERVER_ERROR"))
    return error;
  const cause = error instanceof TRPCError ? error.cause : error;
  if (cause instanceof AppError)
    return new TRPCError({ code: cause.code, message: cause.message, cause });
  if (cause instanceof NotAMemberError)
    return new TRPCError({ code: "NOT_FOUND", message: "Organization not found", cause });
  const code = pgErrorCode(cause);
  if (code) {
    switch (code) {
      case "23505":
        return new TRPCError({ code: "CONFLICT", message: "That already exists", cause });
      case "23503":
        // Deleting (or re-keying) a row others still point at, or pointing at a missing one.
        if (pgErrorMessage(cause)?.startsWith("update or delete on table"))
          return new TRPCError({
            code: "CONFLICT",
            message: "Other records still refer to this one",
            cause,
          });
        return new TRPCError({
          code: "BAD_REQUEST",
          message: "A referenced record does not exist",
          cause,
        });
      // Values PostgreSQL refuses that input schemas should have caught first (a check
      // constraint, a malformed or out-of-range number or date, a NUL in text): still the
      // caller's input, so 400, never 500.
      case "23514":
      case "22P02":
      case "22001":
      case "22003":
      case "22007":
      case "22008":
      case "22009":
      case "22021":
      // program_limit_exceeded: e.g. a value too long for an index entry (2,704 bytes).
      case "54000":
        return new TRPCError({ code: "BAD_REQUEST", message: "Invalid value", cause });
      case "42501":
        // Row-level security refused a write (another organization's row): NOT_FOUND, as for a
        // read. The same SQLSTATE also means a missing grant, a deployment bug that must surface
        // as a logged 500, not hide as "Not found".
        if (pgErrorMessage(cause)?.includes("row-level security"))
          return new TRPCError({ code: "NOT_FOUND", message: "Not found", cause });
        return null;
      // statement_timeout (or an operator's cancel): the statement was stopped and its
      // transaction rolled back. The request is answered instead of held; the log says which.
      case "57014":
        return new TRPCError({
          code: "SERVICE_UNAVAILABLE",
          message: "This took too long and was stopped. Try again.",
          cause,
        });
      case "40001":
      case "40P01":
        return new TRPCError({
          code: "CONFLICT",
          message: "Concurrent update, please retry",
          cause,
        });
    }
  }
  return null;
}

export function fieldOf(error: unknown): string | undefined {
  return error instanceof AppError ? error.field : undefined;
}

export function reasonOf(error: unknown): AppErrorReason | undefined {
  return error instanceof AppError ? error.reason : undefined;
}

export function locksOf(error: unknown): LessonLock[] | undefined {
  return error instanceof AppError ? error.locks : undefined;
}

export function planLimitOf(error: unknown): PlanLimitDetails | undefined {
  return error instanceof AppError ? error.planLimit : undefined;
}
