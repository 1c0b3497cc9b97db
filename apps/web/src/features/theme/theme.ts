import { useSyncExternalStore } from "react";

/**
 * The colour theme: the person's choice (system, light or dark), remembered per browser in
 * localStorage like the sidebar's state, and applied as the `dark` class on <html> that the design
 * tokens (styles.css) switch on. public/theme.js applies the same before the first paint; this
 * module takes over once the app runs: a new choice, another tab's choice, the system switching.
 */
export type ThemeChoice = "system" | "light" | "dark";
export const themeChoices: readonly ThemeChoice[] = ["system", "light", "dark"];

const STORAGE_KEY = "guild.theme";
const listeners = new Set<() => void>();
const systemDark = () => window.matchMedia("(prefers-color-scheme: dark)");

function isChoice(value: string | null): value is ThemeChoice {
  return value === "system" || value === "light" || value === "dark";
}

function read(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isChoice(stored) ? stored : "system";
  } catch {
    return "system";
  }
}

let choice: ThemeChoice = typeof window === "undefined" ? "system" : read();

function apply() {
  const dark = choice === "dark" || (choice === "system" && systemDark().matches);
  document.documentElement.classList.toggle("dark", dark);
}

function changed() {
  apply();
  for (const listener of listeners) listener();
}

if (typeof window !== "undefined") {
  apply();
  // "System" follows the operating system's switch (an evening schedule) while the page is open.
  systemDark().addEventListener("change", () => {
    if (choice === "system") changed();
  });
  // Another tab's choice applies here too.
  window.addEventListener("storage", (event) => {
    if (event.key !== STORAGE_KEY) return;
    choice = read();
    changed();
  });
}

export function setThemeChoice(next: ThemeChoice) {
  choice = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered, still applied for this page.
  }
  changed();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(
    subscribe,
    () => choice,
    () => "system",
  );
}

/** The theme in force: the choice, or the system's when the choice is "system". */
export function useResolvedTheme(): "light" | "dark" {
  return useSyncExternalStore(
    subscribe,
    () => (document.documentElement.classList.contains("dark") ? "dark" : "light"),
    () => "light",
  );
}
