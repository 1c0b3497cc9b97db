import { SlidersHorizontal } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button, buttonClass } from "../../components/button.tsx";
import { inputClass, selectClass } from "../../components/field.tsx";
import { Sheet } from "../../components/sheet.tsx";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";
import { useMediaQuery, WIDER_THAN_PHONE } from "../../lib/use-media-query.ts";
import { MemberPicker } from "../members/member-picker.tsx";
import {
  type LeadSource,
  type LeadStatus,
  leadSources,
  leadStatuses,
  sourceLabel,
  statusLabel,
} from "./lead-labels.tsx";
import type { LeadListSearch } from "./lead-list-search.ts";

/** One choice per sort field and direction the API offers. */
export const sortChoices = [
  { value: "createdAt:desc", label: "Newest first" },
  { value: "createdAt:asc", label: "Oldest first" },
  { value: "updatedAt:desc", label: "Recently updated" },
  { value: "updatedAt:asc", label: "Least recently updated" },
  { value: "name:asc", label: "Name A–Z" },
  { value: "name:desc", label: "Name Z–A" },
  { value: "value:desc", label: "Highest value" },
  { value: "value:asc", label: "Lowest value" },
] as const;

export function LeadFilters({
  search,
  onChange,
}: {
  search: LeadListSearch;
  onChange: (next: LeadListSearch) => void;
}) {
  const [text, setText] = useState(search.q ?? "");
  const debounced = useDebouncedValue(text.trim(), 300);
  const latest = useRef({ search, onChange });
  latest.current = { search, onChange };

  // Typing updates the URL (and so the query) once the person pauses.
  useEffect(() => {
    const { search: current, onChange: change } = latest.current;
    if ((current.q ?? "") !== debounced) change({ ...current, q: debounced || undefined });
  }, [debounced]);

  // The URL changed from elsewhere (a saved view opened, back/forward): the box shows its search.
  useEffect(() => {
    const q = search.q ?? "";
    setText((typed) => (typed.trim() === q ? typed : q));
  }, [search.q]);

  const wide = useMediaQuery(WIDER_THAN_PHONE);
  const [sheetOpen, setSheetOpen] = useState(false);
  const sortValue = `${search.sort ?? "createdAt"}:${search.dir ?? "desc"}`;
  const filtered = Boolean(
    search.q || search.status?.length || search.source?.length || search.owner,
  );

  const searchBox = (
    <div className="min-w-[12rem] flex-1">
      <label htmlFor="lead-search" className="block text-sm font-medium text-foreground">
        Search
      </label>
      <input
        id="lead-search"
        type="search"
        placeholder="Name, email or company"
        className={`${inputClass} mt-1`}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
  const fields = (
    <>
      <MultiSelect
        legend="Status"
        options={leadStatuses}
        labelOf={statusLabel}
        selected={search.status ?? []}
        onChange={(status: LeadStatus[]) =>
          onChange({ ...search, status: status.length ? status : undefined })
        }
      />
      <MultiSelect
        legend="Source"
        options={leadSources}
        labelOf={sourceLabel}
        selected={search.source ?? []}
        onChange={(source: LeadSource[]) =>
          onChange({ ...search, source: source.length ? source : undefined })
        }
      />
      <MemberPicker
        id="lead-owner"
        label="Owner"
        noneLabel="Anyone"
        className="sm:w-44"
        value={search.owner ?? ""}
        onChange={(owner) => onChange({ ...search, owner: owner || undefined })}
      />
      <div>
        <label htmlFor="lead-sort" className="block text-sm font-medium text-foreground">
          Sort by
        </label>
        <select
          id="lead-sort"
          className={`${selectClass} mt-1 sm:w-44`}
          value={sortValue}
          onChange={(e) => {
            const choice = sortChoices.find((c) => c.value === e.target.value);
            if (!choice) return;
            const [sort, dir] = choice.value.split(":");
            onChange({
              ...search,
              sort:
                sort === "createdAt" || sort === "updatedAt" || sort === "name" || sort === "value"
                  ? sort
                  : undefined,
              dir: dir === "asc" || dir === "desc" ? dir : undefined,
            });
          }}
        >
          {sortChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      {filtered && (
        <button
          type="button"
          className="py-2 text-left text-sm font-medium text-accent-foreground hover:underline"
          onClick={() => {
            setText("");
            onChange({ sort: search.sort, dir: search.dir });
          }}
        >
          Clear filters
        </button>
      )}
    </>
  );

  if (wide)
    return (
      <div className="flex flex-wrap items-end gap-3">
        {searchBox}
        {fields}
      </div>
    );
  // A phone: the search stays on the page, the rest waits in a bottom sheet.
  const chosen =
    (search.status?.length ? 1 : 0) + (search.source?.length ? 1 : 0) + (search.owner ? 1 : 0);
  return (
    <div className="flex items-end gap-2">
      {searchBox}
      <Sheet
        open={sheetOpen}
        onOpenChange={setSheetOpen}
        title="Filter and sort leads"
        trigger={
          <button type="button" className={buttonClass("secondary", "md", "h-[38px]")}>
            <SlidersHorizontal aria-hidden="true" className="size-4" />
            Filters
            {chosen > 0 && <span className="sr-only">, {chosen} in use</span>}
            {chosen > 0 && (
              <span
                aria-hidden="true"
                className="rounded-full bg-primary px-1.5 text-xs font-semibold text-primary-foreground"
              >
                {chosen}
              </span>
            )}
          </button>
        }
      >
        <div className="grid gap-4">
          {fields}
          <Button onClick={() => setSheetOpen(false)}>Show leads</Button>
        </div>
      </Sheet>
    </div>
  );
}

/** A dropdown of checkboxes: keyboard-usable (a <details> and native checkboxes), compact on mobile. */
function MultiSelect<T extends string>({
  legend,
  options,
  labelOf,
  selected,
  onChange,
}: {
  legend: string;
  options: readonly T[];
  labelOf: (value: T) => string;
  selected: T[];
  onChange: (next: T[]) => void;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (event: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (
        event instanceof KeyboardEvent
          ? event.key === "Escape"
          : event.target instanceof Node && !details.contains(event.target)
      ) {
        details.open = false;
        if (event instanceof KeyboardEvent) details.querySelector("summary")?.focus();
      }
    };
    document.addEventListener("keydown", close);
    document.addEventListener("click", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("click", close);
    };
  }, []);
  const chosen = options.filter((option) => selected.includes(option)).map(labelOf);
  return (
    <div>
      <span aria-hidden="true" className="block text-sm font-medium text-foreground">
        {legend}
      </span>
      <details ref={ref} className="relative mt-1 sm:w-40">
        <summary
          className={`${selectClass} flex cursor-pointer list-none items-center [&::-webkit-details-marker]:hidden`}
        >
          <span className="sr-only">
            {legend}: {chosen.length ? chosen.join(", ") : "Any"}
          </span>
          <span aria-hidden="true" className="truncate">
            {shortList(chosen)}
          </span>
        </summary>
        <fieldset className="absolute left-0 z-20 mt-1 w-full min-w-44 sm:w-52 rounded-lg border border-border bg-surface p-2 shadow-lg">
          <legend className="sr-only">Filter by {legend.toLowerCase()}</legend>
          {options.map((option) => (
            <label
              key={option}
              className="flex items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-subtle"
            >
              <input
                type="checkbox"
                className="size-4 rounded border-input"
                checked={selected.includes(option)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? [...selected, option]
                      : selected.filter((value) => value !== option),
                  )
                }
              />
              {labelOf(option)}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}

/**
 * What a closed multi-select shows: as many chosen names as fit its width (about 16 characters),
 * then how many more, e.g. "New, Won +1". Nothing chosen: "Any".
 */
function shortList(labels: string[], room = 16): string {
  if (labels.length === 0) return "Any";
  const text = (count: number) => {
    const more = labels.length - count;
    return labels.slice(0, count).join(", ") + (more > 0 ? ` +${more}` : "");
  };
  let count = 1;
  while (count < labels.length && text(count + 1).length <= room) count++;
  return text(count);
}
