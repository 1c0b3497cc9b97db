import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const messagesRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/messages",
  head: organizationScreenHead("Messages"),
}).lazy(() => import("./messages.lazy.tsx").then((m) => m.lazyRoute));
