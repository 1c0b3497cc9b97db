import { createRoute } from "@tanstack/react-router";
import { studioSearch } from "../../features/studio/studio-search.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const studioRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/studio",
  head: organizationScreenHead("Studio"),
  validateSearch: studioSearch,
}).lazy(() => import("./studio.lazy.tsx").then((m) => m.lazyRoute));
