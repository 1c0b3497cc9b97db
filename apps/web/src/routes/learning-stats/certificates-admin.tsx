import { createRoute } from "@tanstack/react-router";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const certificatesAdminRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/learning/certificates",
  staticData: backOffice("certificates"),
  head: organizationScreenHead("Certificates"),
}).lazy(() => import("./certificates-admin.lazy.tsx").then((m) => m.lazyRoute));
