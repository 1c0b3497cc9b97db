import { createLazyRoute } from "@tanstack/react-router";
import { InvitationResponse } from "../features/invitations/invitation-response.tsx";

export const lazyRoute = createLazyRoute("/authed/invitations/$invitationId")({
  component: Screen,
});

function Screen() {
  const { invitationId } = lazyRoute.useParams();
  const { key } = lazyRoute.useSearch();
  return <InvitationResponse invitationId={invitationId} linkKey={key} />;
}
