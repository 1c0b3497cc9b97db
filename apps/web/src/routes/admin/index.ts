import { adminRoute } from "./admin.tsx";
import { adminAuditRoute } from "./audit.tsx";
import { adminEventsRoute } from "./events.tsx";
import { adminOrganizationsRoute } from "./organizations.tsx";
import { adminPlansRoute } from "./plans.tsx";
import { adminUsersRoute } from "./users.tsx";

/** The console and its screens, one line each. */
export const adminRoutes = [
  adminRoute.addChildren([
    adminUsersRoute,
    adminOrganizationsRoute,
    adminPlansRoute,
    adminEventsRoute,
    adminAuditRoute,
  ]),
];
