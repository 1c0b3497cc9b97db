import { createLazyRoute } from "@tanstack/react-router";
import { LessonAnalyticsScreen } from "../../features/learning-stats/lesson-analytics-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/learning/analytics")({
  component: LessonAnalyticsScreen,
});
