import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const courseOutlineRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/s/$spaceSlug/courses/$courseId",
  head: organizationScreenHead("Course"),
}).lazy(() => import("./course-outline.lazy.tsx").then((m) => m.lazyRoute));
