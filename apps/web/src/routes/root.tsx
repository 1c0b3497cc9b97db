import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  type ErrorComponentProps,
  HeadContent,
  Outlet,
} from "@tanstack/react-router";
import { Button, ButtonLink } from "../components/button.tsx";
import { NotFound } from "../components/states.tsx";
import { errorMessage } from "../lib/errors.ts";
import { pageTitle } from "./head.ts";

export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  head: () => pageTitle(),
  component: RootLayout,
  notFoundComponent: () => (
    <main id="main" className="px-4 py-16">
      <NotFound>
        <ButtonLink to="/" variant="secondary">
          Go to the start page
        </ButtonLink>
      </NotFound>
    </main>
  ),
  errorComponent: RouteError,
});

function RootLayout() {
  return (
    <>
      <HeadContent />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <Outlet />
    </>
  );
}

/** An unexpected failure while loading a screen (server down, a bug): never a blank page. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <main id="main" className="px-4 py-16">
      <div
        role="alert"
        className="mx-auto max-w-lg rounded-lg border border-danger-border bg-surface px-6 py-10 text-center"
      >
        <h1 className="text-xl font-semibold text-foreground">Something went wrong</h1>
        <p className="mt-2 text-sm text-muted-foreground">{errorMessage(error)}</p>
        <div className="mt-4 flex justify-center gap-2">
          <Button variant="secondary" onClick={reset}>
            Try again
          </Button>
          <ButtonLink to="/" variant="ghost">
            Go to the start page
          </ButtonLink>
        </div>
      </div>
    </main>
  );
}
