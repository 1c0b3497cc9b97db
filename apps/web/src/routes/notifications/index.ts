import { notificationsRoute } from "./notifications.tsx";

export const notificationRoutes = [notificationsRoute];
