import { createLazyRoute } from "@tanstack/react-router";
import { AchievementsScreen } from "../../features/achievements/achievements-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/achievements")({
  component: AchievementsScreen,
});
