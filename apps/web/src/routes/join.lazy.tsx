import { createLazyRoute } from "@tanstack/react-router";
import { JoinInvitation } from "../features/invitations/join-invitation.tsx";

export const lazyRoute = createLazyRoute("/join/$invitationId")({ component: Screen });

function Screen() {
  const { invitationId } = lazyRoute.useParams();
  const { key } = lazyRoute.useSearch();
  return <JoinInvitation invitationId={invitationId} linkKey={key} />;
}
