import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { FieldShell, inputClass, useControl } from "../../components/field.tsx";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";
import { roleLabel } from "./role-label.ts";
import { useMember, useMemberDirectory } from "./use-members.ts";

/** How many matches the list shows: a picker narrows by typing rather than scrolling. */
const PAGE = 20;

interface Choice {
  id: string;
  name: string;
  detail: string | null;
}

/**
 * Picks a member of the CRM's staff (who may own leads) by searching the member directory on the
 * server as the person types, instead of loading every member into a select. A combobox in
 * ARIA's pattern: arrows move through the matches, Enter picks, Escape closes and keeps the
 * current choice; the first option is "none" (`noneLabel`).
 */
export function MemberPicker({
  id: givenId,
  label,
  value,
  onChange,
  noneLabel,
  selectedName,
  error,
  hint,
  className,
}: {
  id?: string;
  label: string;
  /** The chosen member's id, or "" for none. */
  value: string;
  onChange: (memberId: string) => void;
  noneLabel: string;
  /** The chosen member's name when the caller knows it (else it is looked up). */
  selectedName?: string | null | undefined;
  error?: string[] | string | undefined;
  hint?: string | undefined;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const search = useDebouncedValue(query.trim(), 200);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const directory = useMemberDirectory(
    { crmStaff: true, limit: PAGE, ...(search ? { search } : {}) },
    open,
  );
  const known = useMember(value && !selectedName ? value : undefined);
  const control = useControl(givenId, error, directory.error ? "Could not search members." : hint);

  const currentName = value ? (selectedName ?? known.data?.name ?? "…") : noneLabel;
  const found = directory.data?.pages.flatMap((page) => page.items) ?? [];
  const choices: Choice[] = [
    { id: "", name: noneLabel, detail: null },
    ...found.map((m) => ({ id: m.id, name: m.name, detail: roleLabel(m.role) })),
  ];
  const more = Boolean(directory.data?.pages.at(-1)?.nextCursor);
  const shown = open ? query : currentName;

  // Closed with the focus still here (Escape, a choice, the name arriving): the shown name is
  // selected, as when tabbing in, so what the person types next replaces it and searches afresh
  // instead of being appended to it ("Una Exampleuna" matched no one).
  useEffect(() => {
    const input = inputRef.current;
    if (!open && shown && input && input === document.activeElement) input.select();
  }, [open, shown]);
  const optionId = (index: number) => `${listId}-option-${index}`;

  const openList = () => {
    setOpen(true);
    setQuery("");
    setActive(0);
  };
  const close = () => {
    setOpen(false);
    setQuery("");
  };
  const choose = (choice: Choice | undefined) => {
    if (!choice) return;
    onChange(choice.id);
    close();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return openList();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (index + step + choices.length) % choices.length);
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      choose(choices[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  };

  return (
    <FieldShell
      id={control.id}
      label={label}
      error={error}
      hint={directory.error ? "Could not search members." : hint}
      className={className}
    >
      <div className="relative">
        <input
          ref={inputRef}
          {...control}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? optionId(active) : undefined}
          autoComplete="off"
          className={`${inputClass} select-chevron pr-8`}
          placeholder={open ? "Type a name" : undefined}
          value={shown}
          onClick={() => {
            if (!open) openList();
          }}
          onChange={(event) => {
            setOpen(true);
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        {open && (
          <div className="absolute left-0 z-30 mt-1 w-full min-w-56 rounded-lg border border-border bg-surface py-1 shadow-lg">
            <div id={listId} role="listbox" aria-label={label} className="max-h-72 overflow-auto">
              {choices.map((choice, index) => (
                // Options are reached from the input (aria-activedescendant), as ARIA's combobox
                // pattern has it: the arrow keys there move through them, Enter picks.
                // biome-ignore lint/a11y/useKeyWithClickEvents: the input handles the keys.
                <div
                  key={choice.id || "none"}
                  id={optionId(index)}
                  role="option"
                  tabIndex={-1}
                  aria-selected={index === active}
                  className={`flex cursor-pointer items-baseline justify-between gap-3 px-3 py-2 text-sm ${
                    index === active ? "bg-accent text-accent-foreground" : "text-foreground"
                  }`}
                  // Keep focus in the input: a click picks without blurring (which would close).
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => choose(choice)}
                >
                  <span className="min-w-0 wrap-anywhere">
                    {choice.name}
                    {choice.id === value && <span className="sr-only"> (current)</span>}
                  </span>
                  {choice.detail && (
                    <span className="shrink-0 text-xs text-muted-foreground">{choice.detail}</span>
                  )}
                </div>
              ))}
            </div>
            {/* What the list is doing, read out as it changes. */}
            <p role="status" className="px-3 py-1.5 text-xs text-muted-foreground empty:hidden">
              {directory.isFetching
                ? "Searching…"
                : found.length === 0
                  ? search
                    ? `No one with CRM access matches “${search}”.`
                    : "No one has CRM access yet."
                  : more
                    ? "More match: keep typing to narrow the list."
                    : ""}
            </p>
          </div>
        )}
      </div>
    </FieldShell>
  );
}
