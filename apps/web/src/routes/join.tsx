import { createRoute, redirect } from "@tanstack/react-router";
import { loadSession } from "../features/auth/session.ts";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";
import { invitationLinkSearch } from "./search.ts";

/**
 * An invitation link opened signed out (authed.tsx sends /invitations/$id here). Signed in,
 * the invitation itself answers.
 */
export const joinRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/join/$invitationId",
  head: () => pageTitle("Invitation"),
  validateSearch: invitationLinkSearch,
  beforeLoad: async ({ context, params, search }) => {
    if (await loadSession(context.queryClient))
      throw redirect({
        to: "/invitations/$invitationId",
        params: { invitationId: params.invitationId },
        search: { key: search.key },
      });
  },
}).lazy(() => import("./join.lazy.tsx").then((m) => m.lazyRoute));
