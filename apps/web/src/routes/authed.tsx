import { createRoute, redirect } from "@tanstack/react-router";
import { loadSession } from "../features/auth/session.ts";
import { rootRoute } from "./root.tsx";

/** Everything behind sign-in. A signed-out visitor signs in first and comes back here. */
export const authedRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "authed",
  beforeLoad: async ({ context, location }) => {
    const session = await loadSession(context.queryClient);
    if (!session) {
      // An invitation link first says who invites whom (and offers the sign-up), then signs in.
      const invitation = /^\/invitations\/([^/]+)\/?$/.exec(location.pathname)?.[1];
      if (invitation) {
        const key = new URLSearchParams(location.searchStr).get("key") ?? undefined;
        throw redirect({
          to: "/join/$invitationId",
          params: { invitationId: invitation },
          search: { key },
        });
      }
      throw redirect({ to: "/sign-in", search: { redirect: location.href } });
    }
    return { session };
  },
}).lazy(() => import("./authed.lazy.tsx").then((m) => m.lazyRoute));
