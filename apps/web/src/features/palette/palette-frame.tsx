import * as Dialog from "@radix-ui/react-dialog";
import { useNavigate } from "@tanstack/react-router";
import { Command } from "cmdk";
import { type LucideIcon, Search } from "lucide-react";
import { type ReactNode, useRef, useState } from "react";

/** Something the palette offers: a screen to go to, a create action, a command. */
export interface Action {
  id: string;
  label: string;
  icon: LucideIcon;
  /** Other words it is found by ("add", "create"). */
  keywords: string;
  /** A word on the right: what the action is about ("Current" for the theme in force). */
  hint?: string | undefined;
  run: () => void;
}

export const itemClass =
  "flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 text-sm text-foreground data-[selected=true]:bg-accent data-[selected=true]:text-accent-foreground";
const groupClass =
  "px-2 pb-2 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-muted-foreground [&_[cmdk-group-heading]]:uppercase";

/** Whether every word typed starts a word of the label or its keywords ("new le" → New lead). */
function matches(query: string, action: Action): boolean {
  const words = `${action.label} ${action.keywords}`.toLowerCase().split(/\s+/);
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((typed) => words.some((word) => word.startsWith(typed)));
}

/** The actions a query shows: all of them while nothing is typed. */
export function shown(typed: string, actions: Action[]): Action[] {
  return typed ? actions.filter((action) => matches(typed, action)) : actions;
}

/**
 * What is typed, and closing: an action that goes somewhere closes the palette and leaves focus
 * to the screen it opens (an account section takes it), instead of sending it back to the
 * button or field the palette was opened from.
 */
export function usePaletteQuery(onOpenChange: (open: boolean) => void) {
  const navigate = useNavigate();
  const [query, setQuery] = useState("");
  const left = useRef(false);
  const close = () => {
    onOpenChange(false);
    setQuery("");
  };
  return {
    query,
    setQuery,
    typed: query.trim(),
    navigate,
    close,
    /** Runs a navigation from the palette. */
    go: (run: () => Promise<void>) => () => {
      left.current = true;
      close();
      void run();
    },
    onCloseAutoFocus: (event: Event) => {
      if (left.current) event.preventDefault();
      left.current = false;
    },
  };
}

/**
 * The palette's frame: a Radix dialog (focus kept inside, Escape closes, focus returns to where
 * it was) around cmdk's listbox (arrow keys, Enter). cmdk's own filtering is off: what is shown
 * is chosen by the caller (here with `shown`, or by the server for leads and members).
 */
export function PaletteFrame({
  open,
  palette,
  placeholder,
  loading,
  failed,
  empty,
  children,
}: {
  open: boolean;
  palette: ReturnType<typeof usePaletteQuery>;
  placeholder: string;
  /** A search on the server is under way for what is typed. */
  loading: boolean;
  failed: boolean;
  /** Nothing matches what is typed. */
  empty: boolean;
  children: ReactNode;
}) {
  const { query, setQuery, typed, close } = palette;
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) close();
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-backdrop" />
        <Dialog.Content
          aria-describedby={undefined}
          onCloseAutoFocus={palette.onCloseAutoFocus}
          className="fixed top-4 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100%-1.5rem)] max-w-xl -translate-x-1/2 flex-col overflow-hidden rounded-lg bg-surface shadow-2xl ring-1 ring-border sm:top-[12vh] sm:max-h-[70vh]"
        >
          <Dialog.Title className="sr-only">Command palette</Dialog.Title>
          <Command
            label="Search or run a command"
            shouldFilter={false}
            // Ctrl-K stays the palette's own switch (cmdk would move the selection up with it).
            vimBindings={false}
            className="flex min-h-0 flex-col"
          >
            <div className="flex items-center gap-2 border-b border-border px-3">
              <Search aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
              <Command.Input
                value={query}
                onValueChange={setQuery}
                placeholder={placeholder}
                className="h-12 min-w-0 flex-1 bg-transparent text-base text-foreground outline-none placeholder:text-faint-foreground sm:text-sm"
              />
              <Dialog.Close className="shrink-0 rounded border border-input px-1.5 py-0.5 font-mono text-xs text-muted-foreground hover:bg-subtle">
                <span aria-hidden="true">Esc</span>
                <span className="sr-only">Close</span>
              </Dialog.Close>
            </div>
            <Command.List className="min-h-0 overflow-y-auto overscroll-contain py-1">
              {loading && (
                <Command.Loading>
                  <p className="px-5 py-2 text-xs text-muted-foreground">Searching…</p>
                </Command.Loading>
              )}
              {failed && !loading && (
                <p role="status" className="px-5 py-2 text-sm text-danger">
                  Could not search right now. Check your connection and type again.
                </p>
              )}
              {empty && !loading && !failed && (
                <p role="status" className="px-5 py-6 text-center text-sm text-muted-foreground">
                  Nothing matches “{typed}”. Try part of a name, an email or a screen.
                </p>
              )}
              {children}
            </Command.List>
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** A group of results under its heading, or nothing when it has none. */
export function PaletteGroup({ heading, children }: { heading: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <Command.Group heading={heading} className={groupClass}>
      {children}
    </Command.Group>
  );
}

/** A group of actions under its heading, or nothing when none is shown. */
export function ActionGroup({ heading, actions }: { heading: string; actions: Action[] }) {
  return (
    <PaletteGroup heading={heading}>
      {actions.map((action) => (
        <ActionItem key={action.id} action={action} />
      ))}
    </PaletteGroup>
  );
}

function ActionItem({ action }: { action: Action }) {
  const Icon = action.icon;
  return (
    <Command.Item value={action.id} onSelect={action.run} className={itemClass}>
      <Icon
        aria-hidden="true"
        className="size-4 shrink-0 text-muted-foreground"
        strokeWidth={1.75}
      />
      <span className="min-w-0 flex-1 truncate">{action.label}</span>
      {action.hint && <span className="shrink-0 text-xs text-muted-foreground">{action.hint}</span>}
    </Command.Item>
  );
}
