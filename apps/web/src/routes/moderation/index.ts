import { moderationRoute } from "./moderation.tsx";

export const moderationRoutes = [moderationRoute];
