import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { guestRoute } from "./guest.tsx";
import { pageTitle } from "./head.ts";

export const checkEmailRoute = createRoute({
  getParentRoute: () => guestRoute,
  path: "/check-email",
  head: () => pageTitle("Check your email"),
  validateSearch: z.object({ email: z.string().optional(), redirect: z.string().optional() }),
}).lazy(() => import("./check-email.lazy.tsx").then((m) => m.lazyRoute));
