import { createRoute } from "@tanstack/react-router";
import { calendarSearch } from "../../lib/search-params.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const studioCalendarRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/studio/calendar",
  head: organizationScreenHead("Content calendar"),
  validateSearch: calendarSearch,
}).lazy(() => import("./studio-calendar.lazy.tsx").then((m) => m.lazyRoute));
