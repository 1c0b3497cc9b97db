import { createLazyRoute } from "@tanstack/react-router";
import { StripeEventsScreen } from "../../features/admin/stripe-events-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/admin/events")({
  component: StripeEventsScreen,
});
