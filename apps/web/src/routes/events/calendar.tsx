import { createRoute } from "@tanstack/react-router";
import { calendarSearch } from "../../lib/search-params.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const calendarRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/calendar",
  head: organizationScreenHead("Calendar"),
  validateSearch: calendarSearch,
}).lazy(() => import("./calendar.lazy.tsx").then((m) => m.lazyRoute));
