import { createRoute, redirect } from "@tanstack/react-router";
import { loadSession } from "../features/auth/session.ts";
import { invitationPath, JoinInvitation } from "../features/invitations/join-invitation.tsx";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";

/**
 * An invitation link opened signed out (authed.tsx sends /invitations/$id here). Signed in,
 * the invitation itself answers.
 */
export const joinRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/join/$invitationId",
  head: () => pageTitle("Invitation"),
  beforeLoad: async ({ context, params }) => {
    if (await loadSession(context.queryClient))
      throw redirect({ href: invitationPath(params.invitationId) });
  },
  component: function Screen() {
    const { invitationId } = joinRoute.useParams();
    return <JoinInvitation invitationId={invitationId} />;
  },
});
