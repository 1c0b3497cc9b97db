import { createRoute } from "@tanstack/react-router";
import { pageTitle } from "../head.ts";
import { rootRoute } from "../root.tsx";

/** A certificate's public verification page: anyone may open it, signed in or not. */
export const certificateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/certificates/$certificateId",
  head: () => pageTitle("Certificate"),
}).lazy(() => import("./certificate.lazy.tsx").then((m) => m.lazyRoute));
