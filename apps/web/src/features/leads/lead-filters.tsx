import { FilterBar } from "../../components/data-table/filter-bar.tsx";
import { useSearchText } from "../../components/data-table/use-search-text.ts";
import { inputClass, selectClass } from "../../components/field.tsx";
import { MultiSelect } from "../../components/multi-select.tsx";
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
  const [text, setText] = useSearchText(search, onChange);
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

  const chosen =
    (search.status?.length ? 1 : 0) + (search.source?.length ? 1 : 0) + (search.owner ? 1 : 0);
  return (
    <FilterBar
      searchBox={searchBox}
      fields={fields}
      chosen={chosen}
      sheetTitle="Filter and sort leads"
      showLabel="Show leads"
    />
  );
}
