import { createLazyRoute } from "@tanstack/react-router";
import { AttendanceScreen } from "../../features/events/attendance-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/s/$spaceSlug/events/$eventId/attendance")(
  {
    component: Screen,
  },
);

function Screen() {
  const { slug, spaceSlug, eventId } = lazyRoute.useParams();
  return <AttendanceScreen key={eventId} slug={slug} spaceSlug={spaceSlug} eventId={eventId} />;
}
