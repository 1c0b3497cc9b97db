import { activityLogRoute } from "./activity-log.tsx";
import { learnerDashboardRoute } from "./learner-dashboard.tsx";
import { lessonAnalyticsRoute } from "./lesson-analytics.tsx";

export const learningStatsRoutes = [learnerDashboardRoute, lessonAnalyticsRoute, activityLogRoute];
