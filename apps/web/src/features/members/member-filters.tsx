import type { MemberSortField } from "@guild/api/schemas/member-constants";
import { type MemberRole, memberRoles } from "@guild/db/enums";
import type { Ref } from "react";
import { FilterBar } from "../../components/data-table/filter-bar.tsx";
import { type SortChoice, SortSelect } from "../../components/data-table/sort-select.tsx";
import { useSearchText } from "../../components/data-table/use-search-text.ts";
import { inputClass } from "../../components/field.tsx";
import { MultiSelect } from "../../components/multi-select.tsx";
import { type MemberListSearch, memberListSort } from "./member-list-search.ts";
import { roleLabel } from "./role-label.ts";

const sortChoices: SortChoice<MemberSortField>[] = [
  { sort: "name", dir: "asc", label: "Name A–Z" },
  { sort: "name", dir: "desc", label: "Name Z–A" },
  { sort: "email", dir: "asc", label: "Email A–Z" },
  { sort: "email", dir: "desc", label: "Email Z–A" },
  { sort: "role", dir: "asc", label: "Highest role first" },
  { sort: "role", dir: "desc", label: "Lowest role first" },
  { sort: "joinedAt", dir: "desc", label: "Joined last" },
  { sort: "joinedAt", dir: "asc", label: "Joined first" },
];

/**
 * The members table's search, role filter and sort, all in the URL. The search box is the one
 * `/` focuses and a removal sends focus back to (`ref`).
 */
export function MemberFilters({
  search,
  onChange,
  withEmail,
  searchRef,
}: {
  search: MemberListSearch;
  onChange: (next: MemberListSearch) => void;
  /** Admins search and sort by email too. */
  withEmail: boolean;
  searchRef: Ref<HTMLInputElement>;
}) {
  const [text, setText] = useSearchText(search, onChange);
  const { sort, order: dir } = memberListSort(search);
  const filtered = Boolean(search.q || search.role?.length);
  const searchBox = (
    <div className="min-w-[12rem] flex-1 sm:max-w-sm">
      <label htmlFor="member-search" className="block text-sm font-medium text-foreground">
        Search
      </label>
      <input
        ref={searchRef}
        id="member-search"
        type="search"
        className={`${inputClass} mt-1`}
        placeholder={withEmail ? "Name or email" : "Name"}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </div>
  );
  const fields = (
    <>
      <MultiSelect
        legend="Role"
        options={memberRoles}
        labelOf={roleLabel}
        selected={search.role ?? []}
        onChange={(role: MemberRole[]) =>
          onChange({ ...search, role: role.length ? role : undefined })
        }
      />
      <SortSelect
        id="member-sort"
        className="sm:w-48"
        // Emails are for admins' eyes: so is their order.
        choices={withEmail ? sortChoices : sortChoices.filter((c) => c.sort !== "email")}
        sort={sort}
        dir={dir}
        onChange={(next, order) => onChange({ ...search, sort: next, dir: order })}
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
  return (
    <FilterBar
      searchBox={searchBox}
      fields={fields}
      chosen={search.role?.length ? 1 : 0}
      sheetTitle="Filter and sort members"
      showLabel="Show members"
    />
  );
}
