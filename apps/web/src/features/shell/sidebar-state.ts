import { useSyncExternalStore } from "react";

// Whether the desktop sidebar shows icons only. Remembered per browser (localStorage), not per
// user: it is about the screen at hand. Shared through one store so every reader agrees.

const STORAGE_KEY = "guild.sidebar.collapsed";
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "1";
  } catch {
    // Storage refused (privacy mode, a sandboxed frame): the sidebar starts expanded.
    return false;
  }
}

let collapsed = typeof window === "undefined" ? false : read();

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab's choice applies here too.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return;
    collapsed = read();
    listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export function setSidebarCollapsed(next: boolean) {
  collapsed = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next ? "1" : "0");
  } catch {
    // Not remembered, still applied for this page.
  }
  for (const listener of listeners) listener();
}

export function useSidebarCollapsed(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => collapsed,
    () => false,
  );
}
