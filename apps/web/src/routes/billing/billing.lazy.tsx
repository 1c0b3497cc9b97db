import { createLazyRoute } from "@tanstack/react-router";
import { BillingScreen } from "../../features/billing/billing-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/billing")({
  component: BillingScreen,
});
