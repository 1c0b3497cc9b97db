import { createLazyRoute } from "@tanstack/react-router";
import { EventScreen } from "../../features/events/event-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/s/$spaceSlug/events/$eventId")({
  component: Screen,
});

function Screen() {
  const { spaceSlug, eventId } = lazyRoute.useParams();
  return <EventScreen key={eventId} spaceSlug={spaceSlug} eventId={eventId} />;
}
