import { createRoute } from "@tanstack/react-router";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";

/** The public pricing page: anyone may open it, signed in or not. */
export const pricingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/pricing",
  head: () => pageTitle("Pricing"),
}).lazy(() => import("./pricing.lazy.tsx").then((m) => m.lazyRoute));
