import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const studioPostRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/studio/$postId",
  head: organizationScreenHead("Studio post"),
}).lazy(() => import("./studio-post.lazy.tsx").then((m) => m.lazyRoute));
