import { createLazyRoute } from "@tanstack/react-router";
import { ModerationQueueScreen } from "../../features/moderation/moderation-queue-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/moderation")({
  component: ModerationQueueScreen,
});
