import { createRoute } from "@tanstack/react-router";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const lessonAnalyticsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/learning/analytics",
  staticData: backOffice("learningAnalytics"),
  head: organizationScreenHead("Learning analytics"),
}).lazy(() => import("./lesson-analytics.lazy.tsx").then((m) => m.lazyRoute));
