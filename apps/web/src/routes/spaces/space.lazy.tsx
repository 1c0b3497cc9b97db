import { createLazyRoute } from "@tanstack/react-router";
import { SpaceScreen } from "../../features/spaces/space-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/s/$spaceSlug")({ component: Screen });

function Screen() {
  const { spaceSlug } = lazyRoute.useParams();
  return <SpaceScreen key={spaceSlug} spaceSlug={spaceSlug} />;
}
