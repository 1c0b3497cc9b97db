// Sentences for better-auth's refusals. Apart from the client (auth-client.ts) so that forms can
// word an error without loading it.
import type { GuildAuthClient } from "@guild/auth/client";
import { PASSWORD_TOO_SHORT } from "@guild/auth/limits";

interface AuthError {
  status: number;
  code?: string | undefined;
  message?: string | undefined;
}

/** Codes the client knows (better-auth's own and its plugins'): a typo here does not compile. */
type AuthErrorCode = keyof GuildAuthClient["$ERROR_CODES"];

const codeMessages = new Map<string, string>(
  Object.entries({
    INVALID_EMAIL_OR_PASSWORD: "Wrong email or password.",
    INVALID_EMAIL: "Enter a valid email address.",
    EMAIL_NOT_VERIFIED: "Verify your email address first: open the link we sent you.",
    USER_ALREADY_EXISTS: "An account with this email already exists. Sign in instead.",
    USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL:
      "An account with this email already exists. Sign in instead.",
    INVALID_TOKEN: "This link is invalid or has expired. Ask for a new one.",
    TOKEN_EXPIRED: "This link is invalid or has expired. Ask for a new one.",
    INVALID_PASSWORD: "Wrong password.",
    PASSWORD_TOO_SHORT,
    PASSWORD_TOO_LONG: "That password is too long.",
    SESSION_EXPIRED: "For your security, sign in again before making this change.",
    SESSION_NOT_FRESH: "For your security, sign in again before making this change.",
    CHANGE_EMAIL_DISABLED: "The email address cannot be changed here.",
    EMAIL_CAN_NOT_BE_UPDATED: "The email address cannot be changed here.",
    EMAIL_ALREADY_VERIFIED: "This email address is already verified. Sign in.",
    INVALID_CODE: "That code is not valid. Check it and try again.",
    INVALID_BACKUP_CODE: "That backup code is not valid, or it was already used.",
    TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "Too many wrong codes. Start over and sign in again.",
    ACCOUNT_TEMPORARILY_LOCKED: "Too many wrong codes. Wait a while, then try again.",
    INVALID_TWO_FACTOR_COOKIE: "This sign-in took too long. Start over and sign in again.",
    TOTP_ALREADY_ENABLED: "Two-factor authentication is already on.",
    TWO_FACTOR_NOT_ENABLED: "Two-factor authentication is not on for this account.",
    TOTP_NOT_ENABLED: "Two-factor authentication is not on for this account.",
    BANNED_USER: "This account is blocked. Contact the people who run this Guild.",
  } satisfies Partial<Record<AuthErrorCode, string>>),
);

// Refusals better-auth sends with a message but no code.
const textMessages: Record<string, string> = {
  "Email is the same": "That is already your email address.",
};

/**
 * better-auth answers errors as data: turn them into a sentence for the form. Only its own
 * refusals (a 4xx with a message) are shown as they come; a proxy's error page or a crash is not
 * written for people, so it gets a plain line instead.
 */
export function authErrorMessage(error: AuthError): string {
  if (error.status === 429) return "Too many attempts. Wait a minute and try again.";
  const byCode = error.code ? codeMessages.get(error.code) : undefined;
  if (byCode) return byCode;
  const byText = error.message ? textMessages[error.message] : undefined;
  if (byText) return byText;
  if (error.status >= 400 && error.status < 500 && error.message) return error.message;
  return "Something went wrong. Please try again.";
}
