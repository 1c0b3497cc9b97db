import { createRoute } from "@tanstack/react-router";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const moderationRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/moderation",
  staticData: backOffice("moderation"),
  head: organizationScreenHead("Moderation"),
}).lazy(() => import("./moderation.lazy.tsx").then((m) => m.lazyRoute));
