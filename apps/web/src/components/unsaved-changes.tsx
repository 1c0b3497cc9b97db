import { useBlocker } from "@tanstack/react-router";
import { type ReactNode, useEffect, useRef } from "react";
import { ConfirmDialog } from "./confirm-dialog.tsx";

/**
 * Keeps a form's unsaved input from being lost by leaving its page: a link, the sidebar, the
 * palette, the browser's Back (TanStack Router's blocker) ask first in the app's own dialog, and
 * a reload or a closed tab gets the browser's "Leave site?" (beforeunload). Changes of the
 * address's search alone (filters on the same screen) pass.
 *
 * `dirty`: whether the form differs from what is saved. A form that leaves its page once saved
 * calls `release()` first: its state still says dirty until it renders again, after the move.
 * Render `dialog` anywhere in the form's tree.
 */
export function useUnsavedChanges(dirty: boolean): { release: () => void; dialog: ReactNode } {
  const released = useRef(false);
  const dirtyNow = useRef(dirty);
  useEffect(() => {
    dirtyNow.current = dirty;
    // Saved (the form matches what is stored again): the next edit is guarded anew.
    if (!dirty) released.current = false;
  }, [dirty]);
  const blocking = () => dirtyNow.current && !released.current;

  const blocker = useBlocker({
    shouldBlockFn: ({ current, next }) => blocking() && current.pathname !== next.pathname,
    enableBeforeUnload: blocking,
    withResolver: true,
  });

  const dialog = (
    <ConfirmDialog
      open={blocker.status === "blocked"}
      title="Leave without saving?"
      confirmLabel="Leave"
      cancelLabel="Stay"
      onConfirm={() => blocker.proceed?.()}
      onClose={() => blocker.reset?.()}
    >
      <p>Your changes on this page are not saved yet. If you leave, they are lost.</p>
    </ConfirmDialog>
  );
  return {
    release: () => {
      released.current = true;
    },
    dialog,
  };
}

/** The guard for a form that stays on its page after a save: `<UnsavedChangesGuard dirty={…} />`. */
export function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  return useUnsavedChanges(dirty).dialog;
}
