import { type MemberSortField, memberSortFields } from "@guild/api/schemas/member-sort";
import { type MemberRole, memberRoles } from "@guild/db/enums";
import type { Ref } from "react";
import { FilterBar } from "../../components/data-table/filter-bar.tsx";
import { useSearchText } from "../../components/data-table/use-search-text.ts";
import { inputClass, selectClass } from "../../components/field.tsx";
import { MultiSelect } from "../../components/multi-select.tsx";
import { type MemberListSearch, memberListSort } from "./member-list-search.ts";
import { roleLabel } from "./role-label.ts";

const sortLabels: Record<MemberSortField, [asc: string, desc: string]> = {
  name: ["Name A–Z", "Name Z–A"],
  email: ["Email A–Z", "Email Z–A"],
  role: ["Highest role first", "Lowest role first"],
  joinedAt: ["Joined first", "Joined last"],
};

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
      <div>
        <label htmlFor="member-sort" className="block text-sm font-medium text-foreground">
          Sort by
        </label>
        <select
          id="member-sort"
          className={`${selectClass} mt-1 sm:w-48`}
          value={`${sort}:${dir}`}
          onChange={(event) => {
            const [field, order] = event.target.value.split(":");
            onChange({
              ...search,
              sort: memberSortFields.find((f) => f === field),
              dir: order === "desc" ? "desc" : "asc",
            });
          }}
        >
          {memberSortFields
            .filter((field) => withEmail || field !== "email")
            .flatMap((field) =>
              (["asc", "desc"] as const).map((order) => (
                <option key={`${field}:${order}`} value={`${field}:${order}`}>
                  {sortLabels[field][order === "asc" ? 0 : 1]}
                </option>
              )),
            )}
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
