import { adminRoute } from "./admin.tsx";
import { adminAuditRoute } from "./audit.tsx";
import { adminEventsRoute } from "./events.tsx";
import { adminUsersRoute } from "./users.tsx";

/** The console and its screens, one line each. */
export const adminRoutes = [
  adminRoute.addChildren([adminUsersRoute, adminEventsRoute, adminAuditRoute]),
];
