import { createRoute } from "@tanstack/react-router";
import { InvitationResponse } from "../features/invitations/invitation-response.tsx";
import { invitationLinkSearch } from "../features/invitations/join-invitation.tsx";
import { authedRoute } from "./authed.tsx";
import { pageTitle } from "./head.ts";

/** Opened from the invitation mail. Signed out: sign in or sign up first, then back here. */
export const invitationRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/invitations/$invitationId",
  head: () => pageTitle("Invitation"),
  validateSearch: invitationLinkSearch,
  component: function Screen() {
    const { invitationId } = invitationRoute.useParams();
    const { key } = invitationRoute.useSearch();
    return <InvitationResponse invitationId={invitationId} linkKey={key} />;
  },
});
