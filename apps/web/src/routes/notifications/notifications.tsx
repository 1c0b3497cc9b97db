import { createRoute } from "@tanstack/react-router";
import { NotificationsScreen } from "../../features/notifications/notifications-screen.tsx";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const notificationsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/notifications",
  head: organizationScreenHead("Notifications"),
  component: NotificationsScreen,
});
