import { createGuildAuthClient } from "@guild/auth/client";

// Two-factor sign-in is handled where signIn.email returns (features/auth/use-auth.ts), not by a
// global redirect, so the page can keep where the person was going.
export const authClient = createGuildAuthClient();

interface AuthError {
  status: number;
  code?: string | undefined;
  message?: string | undefined;
}

/** better-auth answers errors as data: turn them into a sentence for the form. */
export function authErrorMessage(error: AuthError): string {
  if (error.status === 429) return "Too many attempts. Wait a minute and try again.";
  switch (error.code) {
    case "INVALID_EMAIL_OR_PASSWORD":
      return "Wrong email or password.";
    case "EMAIL_NOT_VERIFIED":
      return "Verify your email address first: open the link we sent you.";
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return "An account with this email already exists. Sign in instead.";
    case "INVALID_TOKEN":
      return "This link is invalid or has expired. Ask for a new one.";
    case "INVALID_PASSWORD":
      return "Wrong password.";
    case "INVALID_CODE":
    case "INVALID_TWO_FACTOR_AUTHENTICATION":
      return "That code is not valid. Check it and try again.";
  }
  return error.message || "Something went wrong. Please try again.";
}

/** Only paths of this app: a `redirect` query parameter must never send someone to another site. */
export function safeRedirect(target: string | undefined, fallback = "/"): string {
  if (!target?.startsWith("/") || target.startsWith("//") || target.startsWith("/\\"))
    return fallback;
  return target;
}
