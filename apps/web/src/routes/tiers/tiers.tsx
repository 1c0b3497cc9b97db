import { createRoute } from "@tanstack/react-router";
import { tierSearch } from "../../features/tiers/tier-search.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const tiersRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/tiers",
  head: organizationScreenHead("Member tiers"),
  // Where Stripe's onboarding (?connect=) and checkout (?checkout=) pages send people back.
  validateSearch: tierSearch,
}).lazy(() => import("./tiers.lazy.tsx").then((m) => m.lazyRoute));
