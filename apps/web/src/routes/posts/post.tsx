import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const postRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/s/$spaceSlug/p/$postId",
  head: organizationScreenHead("Post"),
}).lazy(() => import("./post.lazy.tsx").then((m) => m.lazyRoute));
