import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const lessonEditorRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/s/$spaceSlug/courses/$courseId/edit/lessons/$lessonId",
  head: organizationScreenHead("Edit lesson"),
}).lazy(() => import("./lesson-editor.lazy.tsx").then((m) => m.lazyRoute));
