import { useMutation, useQueryClient } from "@tanstack/react-query";
import { authErrorMessage } from "../../lib/auth-errors.ts";
import { UserFacingError } from "../../lib/errors.ts";

/**
 * better-auth's client, loaded on first use: the sign-in and sign-up screens draw without it and
 * fetch it when the person starts filling in the form (preloadAuthClient) or, at the latest, when
 * they submit it.
 */
const loadAuthClient = () => import("../../lib/auth-client.ts").then((m) => m.authClient);

/** Starts loading the auth client (a form's first focus), so it is there by the submit. */
export function preloadAuthClient() {
  void loadAuthClient();
}

/** A failed better-auth call, with its HTTP status and error code kept for the form. */
export class AuthRequestError extends UserFacingError {
  readonly status: number;
  readonly code: string | undefined;
  constructor(error: { status: number; code?: string | undefined; message?: string | undefined }) {
    super(authErrorMessage(error));
    this.name = "AuthRequestError";
    this.status = error.status;
    this.code = error.code;
  }
}

type AuthResult<T> =
  | { data: T; error: null }
  | {
      data: null;
      error: { status: number; code?: string | undefined; message?: string | undefined };
    };

/** better-auth returns errors as values; mutations want them thrown. */
async function unwrap<T>(request: Promise<AuthResult<T>>): Promise<T> {
  const { data, error } = await request;
  if (error) throw new AuthRequestError(error);
  return data;
}

/** Where the verification link lands after confirming the address (and signing the person in). */
export function verifyCallbackURL(redirect: string | undefined) {
  return redirect ? `/verify-email?redirect=${encodeURIComponent(redirect)}` : "/verify-email";
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { email: string; password: string; rememberMe: boolean }) => {
      const data = await unwrap((await loadAuthClient()).signIn.email(input));
      // With two-factor on, the password only opens the second step: no session yet.
      const twoFactor =
        data !== null && "twoFactorRedirect" in data && data.twoFactorRedirect === true;
      // A new person: nothing cached for the previous one may show.
      if (!twoFactor) queryClient.clear();
      return { twoFactor };
    },
  });
}

export function useVerifyTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      method: "totp" | "backup";
      code: string;
      trustDevice: boolean;
    }) => {
      const body = { code: input.code.replace(/\s/g, ""), trustDevice: input.trustDevice };
      if (input.method === "totp")
        await unwrap((await loadAuthClient()).twoFactor.verifyTotp(body));
      else await unwrap((await loadAuthClient()).twoFactor.verifyBackupCode(body));
      queryClient.clear();
    },
  });
}

export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      name: string;
      email: string;
      password: string;
      redirect: string | undefined;
      /** The invitation link the sign-up comes from: when it was mailed to this email, it proves it. */
      invitation?: { id: string; key: string } | undefined;
    }) => {
      const data = await unwrap(
        (await loadAuthClient()).signUp.email({
          name: input.name,
          email: input.email,
          password: input.password,
          callbackURL: verifyCallbackURL(input.redirect),
          ...(input.invitation
            ? { invitationId: input.invitation.id, invitationKey: input.invitation.key }
            : {}),
        }),
      );
      // Verified by the invitation: the server signed the person in; nothing cached for the
      // signed-out visitor may show. Otherwise the address is verified by mail first.
      const signedIn = data?.user.emailVerified === true;
      if (signedIn) queryClient.clear();
      return { signedIn };
    },
  });
}

export function useResendVerification() {
  return useMutation({
    mutationFn: async (input: { email: string; redirect: string | undefined }) =>
      unwrap(
        (await loadAuthClient()).sendVerificationEmail({
          email: input.email,
          callbackURL: verifyCallbackURL(input.redirect),
        }),
      ),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: async (input: { email: string }) =>
      unwrap(
        (await loadAuthClient()).requestPasswordReset({
          email: input.email,
          redirectTo: "/reset-password",
        }),
      ),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: async (input: { token: string; newPassword: string }) =>
      unwrap((await loadAuthClient()).resetPassword(input)),
  });
}

/** Ends the session (the sidebar's, header's and palette's sign out: use-sign-out.ts). */
export async function signOut() {
  await unwrap((await loadAuthClient()).signOut());
}

export { unwrap as unwrapAuthResult };
