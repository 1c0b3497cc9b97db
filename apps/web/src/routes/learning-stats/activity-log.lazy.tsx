import { createLazyRoute } from "@tanstack/react-router";
import { ActivityLogScreen } from "../../features/learning-stats/activity-log-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/activity")({
  component: ActivityLogScreen,
});
