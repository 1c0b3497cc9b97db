import { createRoute } from "@tanstack/react-router";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const joinRequestsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/join-requests",
  staticData: backOffice("joinRequests"),
  head: organizationScreenHead("Join requests"),
}).lazy(() => import("./join-requests.lazy.tsx").then((m) => m.lazyRoute));
