import { createLazyRoute } from "@tanstack/react-router";
import { EditEventScreen } from "../../features/events/event-form-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/s/$spaceSlug/events/$eventId/edit")({
  component: Screen,
});

function Screen() {
  const { spaceSlug, eventId } = lazyRoute.useParams();
  return <EditEventScreen key={eventId} spaceSlug={spaceSlug} eventId={eventId} />;
}
