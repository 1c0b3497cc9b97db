import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const sessionAttendanceRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/s/$spaceSlug/events/$eventId/attendance",
  head: organizationScreenHead("Attendance"),
}).lazy(() => import("./attendance.lazy.tsx").then((m) => m.lazyRoute));
