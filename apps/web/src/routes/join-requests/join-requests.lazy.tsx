import { createLazyRoute } from "@tanstack/react-router";
import { JoinRequestsScreen } from "../../features/front-door/join-requests-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/join-requests")({
  component: JoinRequestsScreen,
});
