import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const coursePreviewRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/s/$spaceSlug/courses/$courseId/edit/preview",
  head: organizationScreenHead("Preview course"),
}).lazy(() => import("./course-preview.lazy.tsx").then((m) => m.lazyRoute));
