import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const lessonRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/s/$spaceSlug/courses/$courseId/lessons/$lessonId",
  head: organizationScreenHead("Lesson"),
}).lazy(() => import("./lesson.lazy.tsx").then((m) => m.lazyRoute));
