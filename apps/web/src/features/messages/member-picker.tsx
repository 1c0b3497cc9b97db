import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { inputClass } from "../../components/field.tsx";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";

/**
 * Members to choose from the organization's directory, searched by name as you type: for a new
 * conversation and for adding people to a group. `exclude` (the caller, who is in it already)
 * is not offered; at most `max` are chosen.
 */
export function MemberPicker({
  enabled,
  chosen,
  onChange,
  max,
  exclude,
  hint,
}: {
  enabled: boolean;
  chosen: ReadonlyMap<string, string>;
  onChange(next: Map<string, string>): void;
  max: number;
  exclude: ReadonlySet<string>;
  hint: string;
}) {
  const searchId = useId();
  const trpc = useOrgTRPC();
  const [search, setSearch] = useState("");
  const query = useDebouncedValue(search.trim(), 200);
  const directory = useQuery({
    ...trpc.member.list.queryOptions({ search: query || undefined, limit: 20 }),
    enabled,
    placeholderData: keepPreviousData,
  });
  const full = chosen.size >= max;
  const toggle = (id: string, name: string) => {
    const next = new Map(chosen);
    if (next.has(id)) next.delete(id);
    else if (!full) next.set(id, name);
    onChange(next);
  };
  const people = (directory.data?.items ?? []).filter((m) => !exclude.has(m.id));

  return (
    <>
      <div className="space-y-1">
        <label htmlFor={searchId} className="block text-sm font-medium">
          Find members
        </label>
        <input
          id={searchId}
          type="search"
          value={search}
          autoComplete="off"
          onChange={(event) => setSearch(event.target.value)}
          className={inputClass}
        />
        <p className="text-xs text-muted-foreground">{hint}</p>
      </div>
      {chosen.size > 0 && (
        <p className="text-sm">
          Chosen: <span className="font-medium">{[...chosen.values()].join(", ")}</span>
        </p>
      )}
      <fieldset className="max-h-64 space-y-1 overflow-y-auto">
        <legend className="sr-only">Members</legend>
        {directory.isPending ? (
          <p className="text-sm text-muted-foreground">Loading members…</p>
        ) : directory.isError ? (
          <p role="alert" className="text-sm text-danger">
            The members could not be loaded. Close this and try again.
          </p>
        ) : people.length === 0 ? (
          <p className="text-sm text-muted-foreground">No member matches.</p>
        ) : (
          people.map((person) => {
            const name = person.displayName ?? person.name;
            return (
              <label
                key={person.id}
                className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-muted"
              >
                <input
                  type="checkbox"
                  checked={chosen.has(person.id)}
                  disabled={full && !chosen.has(person.id)}
                  onChange={() => toggle(person.id, name)}
                />
                <span className="min-w-0 flex-1 truncate">{name}</span>
                {person.username && (
                  <span className="text-xs text-muted-foreground">@{person.username}</span>
                )}
              </label>
            );
          })
        )}
      </fieldset>
    </>
  );
}
