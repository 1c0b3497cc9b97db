import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const conversationRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/messages/$conversationId",
  head: organizationScreenHead("Messages"),
}).lazy(() => import("./conversation.lazy.tsx").then((m) => m.lazyRoute));
