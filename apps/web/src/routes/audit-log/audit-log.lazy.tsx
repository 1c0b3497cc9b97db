import { createLazyRoute } from "@tanstack/react-router";
import { OrganizationAuditLogScreen } from "../../features/audit-log/audit-log-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/audit-log")({
  component: OrganizationAuditLogScreen,
});
