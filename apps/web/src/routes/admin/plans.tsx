import { createRoute } from "@tanstack/react-router";
import { pageTitle } from "../head.ts";
import { adminRoute } from "./admin.tsx";

export const adminPlansRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/plans",
  head: () => pageTitle("Plans", "Admin"),
}).lazy(() => import("./plans.lazy.tsx").then((m) => m.lazyRoute));
