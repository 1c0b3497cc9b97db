import { createRoute } from "@tanstack/react-router";
import { InvitationResponse } from "../features/invitations/invitation-response.tsx";
import { authedRoute } from "./authed.tsx";
import { pageTitle } from "./head.ts";

/** Opened from the invitation mail. Signed out: sign in or sign up first, then back here. */
export const invitationRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/invitations/$invitationId",
  head: () => pageTitle("Invitation"),
  component: function Screen() {
    const { invitationId } = invitationRoute.useParams();
    return <InvitationResponse invitationId={invitationId} />;
  },
});
