import "sonner/dist/styles.css";
import { Toaster as SonnerToaster } from "sonner";
import { useResolvedTheme } from "../features/theme/theme.ts";

/**
 * The one toast region of the app (sonner), mounted in the root layout: call `toast.success(...)`
 * from "sonner" anywhere. Its region is a polite live region that exists before any toast, so
 * screen readers hear each message as they would a role=status one. Labelled "Messages": the
 * app's own Notifications are something else.
 */
export function Toaster() {
  const theme = useResolvedTheme();
  return (
    <SonnerToaster
      theme={theme}
      position="bottom-right"
      containerAriaLabel="Messages"
      closeButton
      toastOptions={{ duration: 5000 }}
    />
  );
}
