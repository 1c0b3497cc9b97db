import { auditLogRoute } from "./audit-log.tsx";

export const auditLogRoutes = [auditLogRoute];
