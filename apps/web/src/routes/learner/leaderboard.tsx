import { createRoute } from "@tanstack/react-router";
import { leaderboardSearch } from "../../lib/search-params.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const leaderboardRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leaderboard",
  head: organizationScreenHead("Leaderboard"),
  validateSearch: leaderboardSearch,
}).lazy(() => import("./leaderboard.lazy.tsx").then((m) => m.lazyRoute));
