import { createRoute } from "@tanstack/react-router";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";

export const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/forgot-password",
  head: () => pageTitle("Reset your password"),
}).lazy(() => import("./forgot-password.lazy.tsx").then((m) => m.lazyRoute));
