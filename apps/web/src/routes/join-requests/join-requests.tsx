import { createRoute } from "@tanstack/react-router";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const joinRequestsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  staticData: backOffice("joinRequests"),
  path: "/join-requests",
  head: organizationScreenHead("Join requests"),
}).lazy(() => import("./join-requests.lazy.tsx").then((m) => m.lazyRoute));
