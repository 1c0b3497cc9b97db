import { createLazyRoute } from "@tanstack/react-router";
import { NewEventScreen } from "../../features/events/event-form-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/s/$spaceSlug/events/new")({
  component: Screen,
});

function Screen() {
  const { spaceSlug } = lazyRoute.useParams();
  return <NewEventScreen key={spaceSlug} spaceSlug={spaceSlug} />;
}
