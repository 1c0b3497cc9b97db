import { createRoute } from "@tanstack/react-router";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const auditLogRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/audit-log",
  staticData: backOffice("auditLog"),
  head: organizationScreenHead("Audit log"),
}).lazy(() => import("./audit-log.lazy.tsx").then((m) => m.lazyRoute));
