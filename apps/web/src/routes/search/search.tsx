import { createRoute } from "@tanstack/react-router";
import { communitySearchParams } from "../../features/search/search-params.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const communitySearchRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/search",
  head: organizationScreenHead("Search"),
  // ?q= (the words) and ?kind=posts|comments.
  validateSearch: communitySearchParams,
}).lazy(() => import("./search.lazy.tsx").then((m) => m.lazyRoute));
