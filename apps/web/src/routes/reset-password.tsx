import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";

export const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/reset-password",
  head: () => pageTitle("Choose a new password"),
  validateSearch: z.object({ token: z.string().optional(), error: z.string().optional() }),
}).lazy(() => import("./reset-password.lazy.tsx").then((m) => m.lazyRoute));
