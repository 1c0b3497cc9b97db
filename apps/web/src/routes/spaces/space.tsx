import { createRoute } from "@tanstack/react-router";
import { eventSpaceSearch } from "../../lib/search-params.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const spaceRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/s/$spaceSlug",
  head: organizationScreenHead("Space"),
  // An events space's list (upcoming or past, one tag); other spaces have no search.
  validateSearch: eventSpaceSearch,
}).lazy(() => import("./space.lazy.tsx").then((m) => m.lazyRoute));
