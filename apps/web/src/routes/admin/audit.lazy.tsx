import { createLazyRoute } from "@tanstack/react-router";
import { AuditLogScreen } from "../../features/admin/audit-log-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/admin/audit")({ component: AuditLogScreen });
