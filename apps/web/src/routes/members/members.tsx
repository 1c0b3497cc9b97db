import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const membersRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/members",
  head: organizationScreenHead("Members"),
}).lazy(() => import("./members.lazy.tsx").then((m) => m.lazyRoute));
