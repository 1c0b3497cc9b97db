import { Search } from "lucide-react";
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from "react";
import type { CurrentOrganization } from "../organizations/current-organization.tsx";
import { keyLabel, useShortcut } from "../shell/shortcuts.tsx";

// The command palette's switch, kept apart from the palette itself: the palette (cmdk, a Radix
// dialog, its searches) is loaded on first use, so no screen pays for it before someone
// presses Ctrl/Cmd-K or the search button, and the signed-out bundle never holds it.
const loadPalette = () => import("./command-palette.tsx");
const CommandPalette = lazy(() =>
  loadPalette().then((module) => ({ default: module.CommandPalette })),
);

export const PALETTE_KEY = "Mod+k";

// Open or closed, shared by the shortcut and the buttons (sidebar, phone top bar).
let open = false;
const listeners = new Set<() => void>();

export function setPaletteOpen(next: boolean) {
  open = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function usePaletteOpen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => open,
    () => false,
  );
}

/**
 * Mounted once per signed-in frame: the Ctrl/Cmd-K shortcut and, once opened, the palette. With
 * no organization (the account page, a new organization, an invitation), the palette offers
 * what needs none.
 */
export function CommandPaletteHost({
  organization,
}: {
  organization?: CurrentOrganization | undefined;
}) {
  const isOpen = usePaletteOpen();
  const [loaded, setLoaded] = useState(false);
  if (isOpen && !loaded) setLoaded(true);
  useShortcut(PALETTE_KEY, "Open the command palette", () => setPaletteOpen(!open));
  // Leaving the organization (to the account page, say) leaves no palette open for the next frame.
  useEffect(() => () => setPaletteOpen(false), []);
  if (!loaded) return null;
  return (
    <Suspense fallback={null}>
      <CommandPalette organization={organization} open={isOpen} onOpenChange={setPaletteOpen} />
    </Suspense>
  );
}

/**
 * Opens the palette: the way in without a keyboard (phones), and a hint of the shortcut.
 * `variant` "sidebar" is a search-box look with the keys; "icon" a square button (top bar,
 * collapsed sidebar).
 */
export function PaletteButton({
  variant,
  onOpen,
}: {
  variant: "sidebar" | "icon";
  /** Before opening: the phone drawer closes, or its modal would stay on top of the palette. */
  onOpen?: (() => void) | undefined;
}) {
  const keys = keyLabel(PALETTE_KEY);
  const common = {
    type: "button" as const,
    "aria-haspopup": "dialog" as const,
    onClick: () => {
      onOpen?.();
      setPaletteOpen(true);
    },
    // Fetched while the pointer or focus heads for the button: the first open is instant.
    onPointerEnter: () => void loadPalette(),
    onFocus: () => void loadPalette(),
  };
  if (variant === "icon")
    return (
      <button
        {...common}
        aria-label="Search and commands"
        title={`Search and commands (${keys})`}
        className="grid size-9 shrink-0 place-items-center rounded-md text-foreground hover:bg-muted"
      >
        <Search aria-hidden="true" className="size-5" strokeWidth={1.75} />
      </button>
    );
  return (
    // Named by its words ("Search…"), as axe's label-in-name rule wants for a button with visible
    // text; the keys are announced as aria-keyshortcuts rather than read out as text.
    <button
      {...common}
      aria-keyshortcuts="Control+K Meta+K"
      className="flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-muted-foreground ring-1 ring-border ring-inset hover:bg-subtle hover:text-foreground"
    >
      <Search aria-hidden="true" className="size-4 shrink-0" strokeWidth={1.75} />
      <span className="min-w-0 flex-1 truncate text-left">Search…</span>
      <span aria-hidden="true" className="shrink-0">
        <kbd className="shrink-0 rounded border border-input bg-subtle px-1 font-mono text-xs text-muted-foreground">
          {keys}
        </kbd>
      </span>
    </button>
  );
}
