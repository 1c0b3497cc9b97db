import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";

export const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/verify-email",
  head: () => pageTitle("Verify your email"),
  validateSearch: z.object({ error: z.string().optional(), redirect: z.string().optional() }),
}).lazy(() => import("./verify-email.lazy.tsx").then((m) => m.lazyRoute));
