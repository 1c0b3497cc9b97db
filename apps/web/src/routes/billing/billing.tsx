import { createRoute } from "@tanstack/react-router";
import { billingSearch } from "../../features/billing/billing-search.ts";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const billingRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/billing",
  staticData: backOffice("plan"),
  head: organizationScreenHead("Billing"),
  // ?checkout=success|canceled: back from Stripe's hosted checkout.
  validateSearch: billingSearch,
}).lazy(() => import("./billing.lazy.tsx").then((m) => m.lazyRoute));
