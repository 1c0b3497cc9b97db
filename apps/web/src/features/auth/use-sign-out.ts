import { useMutation } from "@tanstack/react-query";

export function useSignOut() {
  return useMutation({
    mutationFn: async () => {
      // better-auth's client loads when someone signs out, not with every signed-in screen.
      const { signOut } = await import("./use-auth.ts");
      await signOut();
      // A full page load drops every cached query and module state of the signed-out person.
      window.location.assign("/sign-in");
    },
  });
}
