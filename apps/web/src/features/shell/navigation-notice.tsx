import { useRouterState } from "@tanstack/react-router";
import { useEffect, useSyncExternalStore } from "react";
import { SuccessMessage } from "../../components/states.tsx";

// A sentence for the page an action lands on when the page that did it goes away: a new slug is a
// new address, a deleted or left organization sends the person elsewhere. Without it these ended
// in silence. It shows on the landing page until the person moves on or dismisses it.

interface Notice {
  text: string;
  /** The page the action was on: the notice waits until the app has left it. */
  from: string;
  /** The page it first showed on: leaving that page ends it. */
  shownOn?: string;
}

let notice: Notice | null = null;
const listeners = new Set<() => void>();

function setNotice(next: Notice | null) {
  notice = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Call before navigating away: `text` shows on the page the navigation ends on. */
export function noticeAfterNavigation(text: string) {
  setNotice({ text, from: window.location.pathname });
}

export function NavigationNotice() {
  const current = useSyncExternalStore(subscribe, () => notice);
  // The page on screen (resolved), not one still loading or redirecting.
  const pathname = useRouterState({ select: (state) => state.resolvedLocation?.pathname });
  const arrived = current !== null && pathname !== undefined && pathname !== current.from;

  useEffect(() => {
    if (!current || !arrived) return;
    if (current.shownOn === undefined) setNotice({ ...current, shownOn: pathname });
    else if (current.shownOn !== pathname) setNotice(null);
  }, [current, arrived, pathname]);

  if (!current || !arrived || (current.shownOn !== undefined && current.shownOn !== pathname))
    return null;
  return (
    <div className="mx-auto w-full max-w-6xl px-3 py-3 sm:px-6">
      <div className="flex items-start justify-between gap-3 rounded-md bg-success-muted px-3 py-2 wrap-anywhere ring-1 ring-success-border ring-inset">
        {/* The button that did it is gone: focus lands here, and the message is read out. */}
        <SuccessMessage key={`${current.from}:${current.text}`} takeFocus>
          {current.text}
        </SuccessMessage>
        <button
          type="button"
          className="shrink-0 text-sm font-medium text-success hover:underline"
          onClick={() => setNotice(null)}
        >
          Dismiss
        </button>
      </div>
    </div>
  );
}
