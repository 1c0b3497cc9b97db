import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const courseEditorRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/s/$spaceSlug/courses/$courseId/edit",
  head: organizationScreenHead("Edit course"),
}).lazy(() => import("./course-editor.lazy.tsx").then((m) => m.lazyRoute));
