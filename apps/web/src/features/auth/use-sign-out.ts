import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { errorMessage } from "../../lib/errors.ts";
import { signOut } from "./use-auth.ts";

/**
 * Signing out from the sidebar, the header or the palette. A failure is told in a toast: those
 * places have no form to show an error in, and a click that does nothing reads as signed out
 * while the session lives on.
 */
export function useSignOut() {
  return useMutation({
    mutationFn: async () => {
      // better-auth's client loads now (use-auth.ts), not with every signed-in screen.
      await signOut();
      // A full page load drops every cached query and module state of the signed-out person.
      window.location.assign("/sign-in");
    },
    onError: (error) => toast.error(`Could not sign out: ${errorMessage(error)}`),
  });
}
