import { createLazyRoute } from "@tanstack/react-router";
import { NotificationsScreen } from "../../features/notifications/notifications-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/notifications")({
  component: NotificationsScreen,
});
