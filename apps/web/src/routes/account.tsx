import { createRoute } from "@tanstack/react-router";
import { authedRoute } from "./authed.tsx";
import { pageTitle } from "./head.ts";

export const accountRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/account",
  head: () => pageTitle("Account"),
}).lazy(() => import("./account.lazy.tsx").then((m) => m.lazyRoute));
