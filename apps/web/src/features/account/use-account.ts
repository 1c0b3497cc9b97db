import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { authClient } from "../../lib/auth-client.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { unwrapAuthResult as unwrap } from "../auth/use-auth.ts";

// better-auth endpoints, cached with react-query under their own keys.
const keys = {
  currentSession: ["auth", "current-session"],
  sessions: ["auth", "sessions"],
} as const;

function useRefreshUser() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.me.session.pathFilter());
}

export function useCurrentAuthSession() {
  return useQuery({
    queryKey: keys.currentSession,
    queryFn: () => unwrap(authClient.getSession()),
  });
}

export function useSessions() {
  return useQuery({ queryKey: keys.sessions, queryFn: () => unwrap(authClient.listSessions()) });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => unwrap(authClient.revokeSession({ token })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.sessions }),
  });
}

export function useRevokeOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(authClient.revokeOtherSessions()),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.sessions }),
  });
}

export function useUpdateName() {
  const refresh = useRefreshUser();
  return useMutation({
    mutationFn: (name: string) => unwrap(authClient.updateUser({ name })),
    onSuccess: () => refresh(),
  });
}

export function useChangeEmail() {
  return useMutation({
    mutationFn: (newEmail: string) =>
      unwrap(authClient.changeEmail({ newEmail, callbackURL: "/account" })),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      currentPassword: string;
      newPassword: string;
      revokeOtherSessions: boolean;
    }) => unwrap(authClient.changePassword(input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.sessions }),
  });
}

/** Step 1 of turning two-factor on: a new secret (as an otpauth:// URI) and backup codes. */
export function useStartTwoFactorSetup() {
  return useMutation({
    mutationFn: async (password: string) => {
      const data = await unwrap(authClient.twoFactor.enable({ password }));
      if (!data || !("totpURI" in data))
        throw new Error("The server did not return an authenticator secret.");
      return { totpURI: data.totpURI, backupCodes: data.backupCodes };
    },
  });
}

/** Step 2: a code from the app proves it was set up; only then is two-factor on. */
export function useConfirmTwoFactor() {
  const refresh = useRefreshUser();
  return useMutation({
    mutationFn: (code: string) =>
      unwrap(authClient.twoFactor.verifyTotp({ code: code.replace(/\s/g, "") })),
    onSuccess: () => refresh(),
  });
}

export function useDisableTwoFactor() {
  const refresh = useRefreshUser();
  return useMutation({
    mutationFn: (password: string) => unwrap(authClient.twoFactor.disable({ password })),
    onSuccess: () => refresh(),
  });
}

export function useRegenerateBackupCodes() {
  return useMutation({
    mutationFn: (password: string) =>
      unwrap(authClient.twoFactor.generateBackupCodes({ password })),
  });
}
