import { createLazyRoute, Outlet } from "@tanstack/react-router";
import { AppShell } from "../features/shell/app-shell.tsx";

export const lazyRoute = createLazyRoute("/authed")({
  component: () => (
    <AppShell>
      <Outlet />
    </AppShell>
  ),
});
