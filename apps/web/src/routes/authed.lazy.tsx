import { createLazyRoute, Outlet } from "@tanstack/react-router";
import { Toaster } from "../components/toaster.tsx";
import { AppShell } from "../features/shell/app-shell.tsx";

export const lazyRoute = createLazyRoute("/authed")({
  component: () => (
    <>
      <AppShell>
        <Outlet />
      </AppShell>
      {/* Toasts are the signed-in app's (saved, undo): the signed-out screens say everything in
          place, and don't download sonner. */}
      <Toaster />
    </>
  ),
});
