import { createLazyRoute, Outlet } from "@tanstack/react-router";
import { Toaster } from "../components/toaster.tsx";
import { ImpersonationBanner } from "../features/admin/impersonation-banner.tsx";
import { AppShell } from "../features/shell/app-shell.tsx";
import { KeyboardShortcuts } from "../features/shell/shortcuts.tsx";

export const lazyRoute = createLazyRoute("/authed")({
  component: () => (
    <>
      <ImpersonationBanner />
      <AppShell>
        <Outlet />
      </AppShell>
      {/* Toasts are the signed-in app's (saved, undo): the signed-out screens say everything in
          place, and don't download sonner. */}
      <Toaster />
      {/* Shortcuts (and `?` listing them) are the signed-in app's: the signed-out screens have
          none, and their entry chunk stays within its budget (e2e bundle-budget). */}
      <KeyboardShortcuts />
    </>
  ),
});
