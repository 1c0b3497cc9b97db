import { createRoute } from "@tanstack/react-router";
import { creditsSearch } from "../../features/credits/credits-search.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const creditsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/credits",
  head: organizationScreenHead("Credits"),
  validateSearch: creditsSearch,
}).lazy(() => import("./credits.lazy.tsx").then((m) => m.lazyRoute));
