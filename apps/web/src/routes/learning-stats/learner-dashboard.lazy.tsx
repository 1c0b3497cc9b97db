import { createLazyRoute } from "@tanstack/react-router";
import { LearnerDashboard } from "../../features/learning-stats/learner-dashboard.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/learning")({
  component: LearnerDashboard,
});
