import { activityLogRoute } from "./activity-log.tsx";
import { certificatesAdminRoute } from "./certificates-admin.tsx";
import { learnerDashboardRoute } from "./learner-dashboard.tsx";
import { lessonAnalyticsRoute } from "./lesson-analytics.tsx";
import { myCertificatesRoute } from "./my-certificates.tsx";

export const learningStatsRoutes = [
  learnerDashboardRoute,
  lessonAnalyticsRoute,
  activityLogRoute,
  myCertificatesRoute,
  certificatesAdminRoute,
];
