import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { Button } from "../../components/button.tsx";

// Keyboard shortcuts, in one registry: a screen registers what its keys do while it is mounted
// (useShortcut), one listener on the document dispatches, and the `?` dialog lists whatever is
// registered right now. A single key (`/`, `c`, `?`) never fires while the person types (an
// input, textarea, select or editable text has focus), with Ctrl/Cmd/Alt held (the browser's and
// the system's own shortcuts), or under a modal dialog (it would act on the page behind it).
// A "Mod+" chord (Ctrl on Windows and Linux, Cmd on a Mac: the command palette's Mod+k) is
// meant to be pressed from anywhere, a text field included, so only a modal dialog stops it.

export interface Shortcut {
  /** KeyboardEvent.key as typed: "/", "c", "?"; or a chord with Ctrl/Cmd: "Mod+k". */
  key: string;
  /** What it does, for the `?` list: "Search leads". */
  description: string;
  run: () => void;
}

const HELP_KEY = "?";
const MOD = "Mod+";

/** Apple keyboards say Cmd where others say Ctrl. */
function isApple(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** How the `?` list writes a key: "Mod+k" is "Ctrl K" (or "⌘ K" on a Mac). */
export function keyLabel(key: string): string {
  if (!key.startsWith(MOD)) return key;
  return `${isApple() ? "⌘" : "Ctrl"} ${key.slice(MOD.length).toUpperCase()}`;
}

// In registration order: the last one registered for a key wins (a screen over the app-wide one).
let registered: Shortcut[] = [];
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

function register(shortcut: Shortcut) {
  registered = [...registered, shortcut];
  notify();
  return () => {
    registered = registered.filter((entry) => entry !== shortcut);
    notify();
  };
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The shortcuts in force, one per key (the one a press would run), for the list. */
function useActiveShortcuts(): Shortcut[] {
  const all = useSyncExternalStore(
    subscribe,
    () => registered,
    () => registered,
  );
  const byKey = new Map<string, Shortcut>();
  for (const shortcut of all) byKey.set(shortcut.key, shortcut);
  // The screen's own first, in the order it registered them; the app-wide chords (the palette)
  // and `?` (this list) last. Effects of a new screen run before or after the root's depending
  // on how it mounted.
  const help = byKey.get(HELP_KEY);
  byKey.delete(HELP_KEY);
  const inForce = [...byKey.values()];
  const ordered = [
    ...inForce.filter((entry) => !entry.key.startsWith(MOD)),
    ...inForce.filter((entry) => entry.key.startsWith(MOD)),
  ];
  return help ? [...ordered, help] : ordered;
}

/** Registers `key` while the calling component is mounted. `run` may change on every render. */
export function useShortcut(key: string, description: string, run: () => void) {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => register({ key, description, run: () => latest.current() }), [key, description]);
}

/** Whether a key press belongs to what has focus (typing) rather than to the app. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

function handleKeyDown(event: KeyboardEvent) {
  if (event.defaultPrevented || event.isComposing || event.repeat) return;
  if (document.querySelector("dialog:modal")) return;
  let key = event.key;
  if (event.ctrlKey || event.metaKey) {
    // Ctrl+Alt is AltGr on many keyboards (a typed character), and Shift makes another chord.
    if (event.altKey || event.shiftKey || (event.ctrlKey && event.metaKey)) return;
    key = `${MOD}${event.key.toLowerCase()}`;
  } else {
    if (event.altKey || isTyping(event.target)) return;
    // Single keys also rest under the app's other modal layers (the palette's Radix dialog).
    if (document.querySelector('[role="dialog"][data-state="open"]')) return;
  }
  const shortcut = registered.findLast((entry) => entry.key === key);
  if (!shortcut) return;
  // The key is taken: `/` would otherwise open the browser's quick find, `c` type into what
  // the shortcut focuses.
  event.preventDefault();
  shortcut.run();
}

/** Mounted once (the root layout): the document's listener and the `?` dialog. */
export function KeyboardShortcuts() {
  const [helpOpen, setHelpOpen] = useState(false);

  useEffect(() => {
    document.addEventListener("keydown", handleKeyDown);
    return () => document.removeEventListener("keydown", handleKeyDown);
  }, []);
  useShortcut(HELP_KEY, "Show keyboard shortcuts", () => setHelpOpen(true));

  return <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />;
}

function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const shortcuts = useActiveShortcuts();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      // Queued: a `?` pressed right after Escape may have opened it again meanwhile.
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-surface p-0 shadow-xl"
    >
      <div className="space-y-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold text-foreground">
          Keyboard shortcuts
        </h2>
        <dl className="divide-y divide-border text-sm">
          {shortcuts.map((shortcut) => (
            <div key={shortcut.key} className="flex items-center justify-between gap-4 py-2">
              <dt className="text-foreground">{shortcut.description}</dt>
              <dd>
                <kbd className="rounded border border-input bg-subtle px-1.5 py-0.5 font-mono text-xs text-foreground">
                  {keyLabel(shortcut.key)}
                </kbd>
              </dd>
            </div>
          ))}
        </dl>
        <p className="text-xs text-muted-foreground">
          Shortcuts rest while you type in a field. Screens add their own: search and create on
          lists.
        </p>
        <div className="flex justify-end">
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
    </dialog>
  );
}
