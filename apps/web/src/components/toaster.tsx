import "sonner/dist/styles.css";
import { useEffect } from "react";
import { Toaster as SonnerToaster } from "sonner";
import { useResolvedTheme } from "../features/theme/theme.ts";
import { titleIfCut } from "./truncated-text.tsx";

const TOAST_TITLE = "[data-sonner-toast] [data-title]";

/**
 * The one toast region of the app (sonner), mounted in the root layout: call `toast.success(...)`
 * from "sonner" anywhere. Its region is a polite live region that exists before any toast, so
 * screen readers hear each message as they would a role=status one. Labelled "Messages": the
 * app's own Notifications are something else.
 */
export function Toaster() {
  const theme = useResolvedTheme();
  // A message naming something long (a lead's name) is cut at three lines; hovering it shows
  // it whole, for every toast wherever it was raised (sonner takes no handler per toast).
  useEffect(() => {
    const onPointerOver = (event: PointerEvent) => {
      const title = event.target instanceof Element && event.target.closest(TOAST_TITLE);
      if (title instanceof HTMLElement) titleIfCut(title);
    };
    document.addEventListener("pointerover", onPointerOver);
    return () => document.removeEventListener("pointerover", onPointerOver);
  }, []);
  return (
    <SonnerToaster
      theme={theme}
      position="bottom-right"
      containerAriaLabel="Messages"
      closeButton
      toastOptions={{ duration: 5000, classNames: { title: "line-clamp-3 wrap-anywhere" } }}
    />
  );
}
