import { createLazyRoute } from "@tanstack/react-router";
import { ProfileScreen } from "../../features/profiles/profile-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/u/$username")({ component: Screen });

function Screen() {
  const { username } = lazyRoute.useParams();
  return <ProfileScreen key={username} username={username} />;
}
