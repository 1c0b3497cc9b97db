import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const assistantConversationRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/assistant/$conversationId",
  head: organizationScreenHead("Assistant"),
}).lazy(() => import("./conversation.lazy.tsx").then((m) => m.lazyRoute));
