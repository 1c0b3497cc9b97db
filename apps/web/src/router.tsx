import { createRouter } from "@tanstack/react-router";
import { LoadingState } from "./components/states.tsx";
import { queryClient } from "./lib/trpc.ts";
import { RouteError } from "./routes/root.tsx";
import { routeTree } from "./routes/route-tree.ts";

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: "intent",
  // Queries own freshness (react-query): the router need not cache loader data itself.
  defaultPreloadStaleTime: 0,
  defaultPendingComponent: () => <LoadingState />,
  defaultErrorComponent: RouteError,
  scrollRestoration: true,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
