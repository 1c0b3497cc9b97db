import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { Button } from "../../components/button.tsx";

// Single-key shortcuts (`/`, `c`, `?`), in one registry: a screen registers what its keys do
// while it is mounted (useShortcut), one listener on the document dispatches, and the `?` dialog
// lists whatever is registered right now. A key never fires while the person types (an input,
// textarea, select or editable text has focus), with Ctrl/Cmd/Alt held (the browser's and the
// system's own shortcuts), or under a modal dialog (it would act on the page behind it).

export interface Shortcut {
  /** KeyboardEvent.key as typed: "/", "c", "?". */
  key: string;
  /** What it does, for the `?` list: "Search leads". */
  description: string;
  run: () => void;
}

const HELP_KEY = "?";

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
  // The screen's own first, in the order it registered them; `?` (this list) last. Effects of
  // a new screen run before or after the root's depending on how it mounted.
  const help = byKey.get(HELP_KEY);
  byKey.delete(HELP_KEY);
  return help ? [...byKey.values(), help] : [...byKey.values()];
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
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (isTyping(event.target)) return;
  if (document.querySelector("dialog:modal")) return;
  const shortcut = registered.findLast((entry) => entry.key === event.key);
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
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-white p-0 shadow-xl"
    >
      <div className="space-y-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Keyboard shortcuts
        </h2>
        <dl className="divide-y divide-slate-100 text-sm">
          {shortcuts.map((shortcut) => (
            <div key={shortcut.key} className="flex items-center justify-between gap-4 py-2">
              <dt className="text-slate-700">{shortcut.description}</dt>
              <dd>
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800">
                  {shortcut.key}
                </kbd>
              </dd>
            </div>
          ))}
        </dl>
        <p className="text-xs text-slate-500">
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
