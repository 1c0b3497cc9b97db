import { selectClass } from "../field.tsx";

export interface SortChoice<F extends string> {
  sort: F;
  dir: "asc" | "desc";
  /** "Newest first". */
  label: string;
}

/**
 * The list's order as one select (a phone's cards have no column headers to click): one choice
 * per sort field and direction the API offers. An order the choices do not name (a header's
 * other direction) shows as "—" until another is picked.
 */
export function SortSelect<F extends string>({
  id,
  choices,
  sort,
  dir,
  onChange,
  className = "sm:w-44",
}: {
  id: string;
  choices: readonly SortChoice<F>[];
  sort: F;
  dir: "asc" | "desc";
  onChange: (sort: F, dir: "asc" | "desc") => void;
  className?: string;
}) {
  const value = `${sort}:${dir}`;
  const known = choices.some((choice) => `${choice.sort}:${choice.dir}` === value);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-foreground">
        Sort by
      </label>
      <select
        id={id}
        className={`${selectClass} mt-1 ${className}`}
        value={known ? value : ""}
        onChange={(event) => {
          const choice = choices.find((c) => `${c.sort}:${c.dir}` === event.target.value);
          if (choice) onChange(choice.sort, choice.dir);
        }}
      >
        {!known && <option value="">—</option>}
        {choices.map((choice) => (
          <option key={`${choice.sort}:${choice.dir}`} value={`${choice.sort}:${choice.dir}`}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
