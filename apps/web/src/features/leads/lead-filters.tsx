import type { LeadSortField } from "@guild/api/schemas/lead-sort";
import { FilterBar } from "../../components/data-table/filter-bar.tsx";
import { type SortChoice, SortSelect } from "../../components/data-table/sort-select.tsx";
import { useSearchText } from "../../components/data-table/use-search-text.ts";
import { inputClass } from "../../components/field.tsx";
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
export const sortChoices: SortChoice<LeadSortField>[] = [
  { sort: "createdAt", dir: "desc", label: "Newest first" },
  { sort: "createdAt", dir: "asc", label: "Oldest first" },
  { sort: "updatedAt", dir: "desc", label: "Recently updated" },
  { sort: "updatedAt", dir: "asc", label: "Least recently updated" },
  { sort: "name", dir: "asc", label: "Name A–Z" },
  { sort: "name", dir: "desc", label: "Name Z–A" },
  { sort: "value", dir: "desc", label: "Highest value" },
  { sort: "value", dir: "asc", label: "Lowest value" },
];

export function LeadFilters({
  search,
  onChange,
}: {
  search: LeadListSearch;
  onChange: (next: LeadListSearch) => void;
}) {
  const [text, setText] = useSearchText(search, onChange);
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
      <SortSelect
        id="lead-sort"
        choices={sortChoices}
        sort={search.sort ?? "createdAt"}
        dir={search.dir ?? "desc"}
        onChange={(sort, dir) => onChange({ ...search, sort, dir })}
      />
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
