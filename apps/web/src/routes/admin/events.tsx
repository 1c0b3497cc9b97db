import { createRoute } from "@tanstack/react-router";
import { stripeEventSearch } from "../../features/admin/admin-search.ts";
import { pageTitle } from "../head.ts";
import { adminRoute } from "./admin.tsx";

export const adminEventsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/events",
  head: () => pageTitle("Stripe events", "Admin"),
  // ?filter=all|failed|unprocessed and ?type= (exact event type).
  validateSearch: stripeEventSearch,
}).lazy(() => import("./events.lazy.tsx").then((m) => m.lazyRoute));
