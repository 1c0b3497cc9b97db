// A table whose columns sort by their header's button (ascending, then descending), for figures
// screens (learning analytics, a session's attendance). Empty cells (null) sort last both ways.
// It scrolls sideways inside its card on a phone rather than squeezing its columns.
import { type ReactNode, useMemo, useState } from "react";

export interface SortableColumn<T> {
  key: string;
  label: string;
  /** What the column sorts by; null is an empty cell. */
  value: (row: T) => number | string | null;
  show: (row: T) => ReactNode;
  numeric?: boolean;
  /** The row's header cell (its name): a th scope=row. */
  rowHeader?: boolean;
  /** More classes for the column's cells. */
  className?: string;
}

/** Compares two cells; empty ones always last. */
function compare(a: number | string | null, b: number | string | null, direction: 1 | -1) {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return (a - b) * direction;
  return String(a).localeCompare(String(b)) * direction;
}

export function SortableTable<T>({
  rows,
  columns,
  rowKey,
  caption,
  initialSort,
  minWidth = "min-w-[44rem]",
}: {
  rows: readonly T[];
  columns: SortableColumn<T>[];
  rowKey: (row: T) => string;
  /** For screen readers: what the rows are. */
  caption: string;
  initialSort: string;
  /** The width below which the table scrolls (a Tailwind class). */
  minWidth?: string;
}) {
  const [sort, setSort] = useState<{ key: string; direction: 1 | -1 }>({
    key: initialSort,
    direction: 1,
  });
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort.key) ?? columns[0];
    return column
      ? [...rows].sort((a, b) => compare(column.value(a), column.value(b), sort.direction))
      : rows;
  }, [rows, columns, sort]);
  return (
    <div className="-mx-4 overflow-x-auto sm:-mx-6">
      <table className={`w-full ${minWidth} text-left text-sm`}>
        <caption className="sr-only">{caption}; sort by a column's button.</caption>
        <thead>
          <tr className="border-b border-border">
            {columns.map((column) => {
              const active = sort.key === column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={
                    active ? (sort.direction === 1 ? "ascending" : "descending") : undefined
                  }
                  className={`px-4 py-2 font-medium text-muted-foreground ${column.numeric ? "text-right" : ""}`}
                >
                  <button
                    type="button"
                    className="rounded hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
                    onClick={() =>
                      setSort({
                        key: column.key,
                        direction: active ? (sort.direction === 1 ? -1 : 1) : 1,
                      })
                    }
                  >
                    {column.label}
                    {active ? (sort.direction === 1 ? " ↑" : " ↓") : ""}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)} className="border-b border-border last:border-0">
              {columns.map((column) =>
                column.rowHeader ? (
                  <th
                    key={column.key}
                    scope="row"
                    className={`px-4 py-2 font-normal ${column.className ?? ""}`}
                  >
                    {column.show(row)}
                  </th>
                ) : (
                  <td
                    key={column.key}
                    className={`px-4 py-2 tabular-nums ${column.numeric ? "text-right" : ""} ${column.className ?? ""}`}
                  >
                    {column.show(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
