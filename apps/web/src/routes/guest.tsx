import { createRoute, Outlet, redirect } from "@tanstack/react-router";
import { loadSession } from "../features/auth/session.ts";
import { safeRedirect } from "../lib/safe-redirect.ts";
import { rootRoute } from "./root.tsx";

/** Screens for signed-out people: a signed-in person goes on to where they were heading. */
export const guestRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "guest",
  beforeLoad: async ({ context, location }) => {
    const session = await loadSession(context.queryClient);
    if (session) {
      const search: Record<string, unknown> = location.search;
      const target = search.redirect;
      throw redirect({ href: safeRedirect(typeof target === "string" ? target : undefined) });
    }
  },
  component: Outlet,
});
