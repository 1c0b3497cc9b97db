import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { FieldShell, inputClass, selectClass } from "../../components/field.tsx";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";

/**
 * An optional lead for a task: a search box narrowing a native select of matching leads (the
 * server searches; a select is what phones and keyboards handle best). "" is no lead.
 */
export function LeadPicker({
  id,
  value,
  selectedName,
  onChange,
  error,
}: {
  id: string;
  value: string;
  selectedName: string | null;
  onChange: (leadId: string, name: string | null) => void;
  error?: string[] | undefined;
}) {
  const trpc = useOrgTRPC();
  const searchId = useId();
  const [query, setQuery] = useState("");
  const search = useDebouncedValue(query.trim(), 250);
  const leads = useInfiniteQuery(
    trpc.lead.list.infiniteQueryOptions(
      { limit: 20, sort: "updatedAt", ...(search ? { search } : {}) },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const found = leads.data?.pages.flatMap((page) => page.items) ?? [];
  // The chosen lead stays a choice while a search shows others.
  const options =
    value && !found.some((lead) => lead.id === value)
      ? [{ id: value, name: selectedName ?? "The chosen lead" }, ...found]
      : found;

  return (
    <div className="space-y-2">
      <div className="space-y-1">
        <label htmlFor={searchId} className="block text-sm font-medium text-foreground">
          Find a lead
        </label>
        <input
          id={searchId}
          type="search"
          className={inputClass}
          placeholder="Name, email or company"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <FieldShell
        id={id}
        label="Lead"
        error={error}
        hint={leads.error ? "Could not search the leads." : undefined}
      >
        <select
          id={id}
          className={selectClass}
          value={value}
          aria-invalid={error?.length ? true : undefined}
          onChange={(event) => {
            const chosen = options.find((lead) => lead.id === event.target.value);
            onChange(chosen?.id ?? "", chosen?.name ?? null);
          }}
        >
          <option value="">No lead</option>
          {options.map((lead) => (
            <option key={lead.id} value={lead.id}>
              {lead.name}
            </option>
          ))}
        </select>
      </FieldShell>
    </div>
  );
}
