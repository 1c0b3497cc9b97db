import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type RowData,
  useReactTable,
} from "@tanstack/react-table";
import { defaultRangeExtractor, type Range, useWindowVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp, ArrowUpDown, LoaderCircle } from "lucide-react";
import {
  Fragment,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useMediaQuery, WIDER_THAN_PHONE } from "../../lib/use-media-query.ts";
import type { RowSelectionState } from "./use-row-selection.ts";

declare module "@tanstack/react-table" {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Classes for the column's header and cells: width, alignment, hiding on narrow screens. */
    className?: string;
    /** The order a first click on the header sorts by (then each click flips it). */
    firstSort?: "asc" | "desc";
  }
}

export interface TableSort {
  column: string;
  desc: boolean;
}

/** Past this many loaded rows only those near the screen are rendered (TanStack Virtual). */
const VIRTUALIZE_FROM = 100;

const checkboxClass = "size-4 rounded border-input";

/**
 * The list screen every domain uses: a table with a sticky header, sorting by column header (the
 * screen sorts, on the server), columns the person chose to hide, row selection, and keyboard
 * movement between rows (arrows or j/k move, Enter opens, x selects). On a phone the same rows
 * are cards. Long lists render only the rows near the screen.
 */
export function DataTable<T>({
  label,
  rows,
  columns,
  rowId,
  rowName,
  hiddenColumns,
  sort,
  onSortChange,
  selection,
  onOpen,
  renderCard,
  rowTone,
  updating = false,
}: {
  /** What the rows are ("Leads, sorted by name"): the table's caption. */
  label: string;
  rows: T[];
  /** Each column's `header` is a string: the header and the columns menu say it. */
  columns: ColumnDef<T>[];
  rowId: (row: T) => string;
  rowName: (row: T) => string;
  hiddenColumns: readonly string[];
  sort: TableSort;
  onSortChange: (sort: TableSort) => void;
  /** Without it the rows have no checkboxes. */
  selection?: RowSelectionState | undefined;
  /** What Enter on a row does (open its page); without it Enter is left to the row's controls. */
  onOpen?: ((row: T) => void) | undefined;
  renderCard: (row: T) => ReactNode;
  /** A row to stand out (an overdue task): its row or card is tinted, unless selected. */
  rowTone?: ((row: T) => "danger" | undefined) | undefined;
  /** The rows are the previous answer's while a new one loads: they stay, marked as updating. */
  updating?: boolean;
}) {
  const wide = useMediaQuery(WIDER_THAN_PHONE);
  const allColumns = useMemo<ColumnDef<T>[]>(
    () =>
      selection
        ? [
            {
              id: "select",
              enableHiding: false,
              meta: { className: "w-10" },
              header: () => (
                <input
                  type="checkbox"
                  className={checkboxClass}
                  aria-label="Select all loaded rows"
                  // Some but not all: neither ticked nor empty (read as "mixed").
                  ref={(box) => {
                    if (box) box.indeterminate = selection.someLoaded && !selection.allLoaded;
                  }}
                  checked={selection.allLoaded}
                  onChange={(event) => selection.setAllLoaded(event.target.checked)}
                />
              ),
              cell: ({ row }) => (
                <input
                  type="checkbox"
                  className={checkboxClass}
                  aria-label={`Select ${rowName(row.original)}`}
                  checked={selection.isSelected(row.id)}
                  onChange={(event) => selection.toggle(row.id, event.target.checked)}
                />
              ),
            },
            ...columns,
          ]
        : columns,
    [columns, selection, rowName],
  );
  const columnVisibility = useMemo(
    () => Object.fromEntries(hiddenColumns.map((id) => [id, false])),
    [hiddenColumns],
  );
  const table = useReactTable({
    data: rows,
    columns: allColumns,
    getRowId: (row) => rowId(row),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    state: { columnVisibility, sorting: [{ id: sort.column, desc: sort.desc }] },
  });
  const tableRows = table.getRowModel().rows;
  const columnCount = table.getVisibleLeafColumns().length;

  // Long lists: only the rows near the screen, measured as they render.
  const list = useRef<HTMLDivElement>(null);
  const virtual = tableRows.length >= VIRTUALIZE_FROM;
  const [scrollMargin, setScrollMargin] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the list moves when the layout switches
  useLayoutEffect(() => {
    const element = list.current;
    if (element) setScrollMargin(element.getBoundingClientRect().top + window.scrollY);
  }, [virtual, wide]);
  // Keyboard movement: one row is in the tab order (roving tabindex); keys move it.
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(0, tableRows.length - 1));
  // The row with the tab stop stays rendered wherever the page scrolls: unmounting it would drop
  // the keyboard's focus (to the page) and the table's only tab stop with it.
  const keepActive = useCallback(
    (range: Range) => {
      const shown = defaultRangeExtractor(range);
      return shown.includes(current) || current >= range.count
        ? shown
        : [...shown, current].sort((x, y) => x - y);
    },
    [current],
  );
  const virtualizer = useWindowVirtualizer({
    count: tableRows.length,
    estimateSize: () => (wide ? 53 : 120),
    overscan: 10,
    // Cards sit 0.5rem apart (space-y-2), outside their measured height.
    gap: wide ? 0 : 8,
    scrollMargin,
    enabled: virtual,
    rangeExtractor: keepActive,
  });
  // Before its first measurement (the render that crosses the threshold) the virtualizer knows
  // no range yet: every row stays for that render rather than none (focus would fall out).
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const indexes =
    items.length > 0 ? items.map((item) => item.index) : tableRows.map((_, index) => index);
  // The height of the rows not rendered: before each rendered row that follows a gap, and after.
  const spaceBefore = new Map<number, number>();
  let reached = scrollMargin;
  for (const item of items) {
    if (item.start > reached) spaceBefore.set(item.index, item.start - reached);
    reached = item.end;
  }
  const spaceAfter = virtual ? Math.max(0, virtualizer.getTotalSize() + scrollMargin - reached) : 0;

  const focusPending = useRef<number | null>(null);
  const focusRow = (index: number) => {
    const next = Math.max(0, Math.min(tableRows.length - 1, index));
    setActive(next);
    focusPending.current = next;
    if (virtual) virtualizer.scrollToIndex(next);
  };
  // After the render that shows it (a virtual row may need a scroll first).
  useEffect(() => {
    const index = focusPending.current;
    if (index === null) return;
    const element = list.current?.querySelector(`[data-row-index="${index}"]`);
    if (element instanceof HTMLElement) {
      element.focus();
      focusPending.current = null;
    }
  });
  const onRowKeyDown = (event: KeyboardEvent<HTMLElement>, index: number, row: T) => {
    // Keys typed into a checkbox or a link inside the row are theirs.
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey)
      return;
    switch (event.key) {
      case "ArrowDown":
      case "j":
        focusRow(index + 1);
        break;
      case "ArrowUp":
      case "k":
        focusRow(index - 1);
        break;
      case "Home":
        focusRow(0);
        break;
      case "End":
        focusRow(tableRows.length - 1);
        break;
      case "Enter":
        if (!onOpen) return;
        onOpen(row);
        break;
      case "x":
        if (!selection) return;
        selection.toggle(rowId(row), !selection.isSelected(rowId(row)));
        break;
      default:
        return;
    }
    event.preventDefault();
  };
  const rowProps = (index: number, row: T) => ({
    tabIndex: index === current ? 0 : -1,
    "data-row-index": index,
    "data-index": index,
    ref: virtual ? virtualizer.measureElement : undefined,
    onFocus: () => setActive(index),
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => onRowKeyDown(event, index, row),
  });

  const updatingSign = updating && (
    <span
      role="status"
      className="absolute -top-3 right-3 z-20 inline-flex items-center gap-1 rounded-full bg-surface px-2 py-0.5 text-xs font-medium text-muted-foreground shadow ring-1 ring-border"
    >
      <LoaderCircle aria-hidden="true" className="size-3 animate-spin" />
      Updating…
    </span>
  );

  if (!wide)
    return (
      <div ref={list} className="relative" aria-busy={updating || undefined}>
        {updatingSign}
        <ul
          aria-label={label}
          className={`space-y-2 transition-opacity ${updating ? "opacity-60" : ""}`}
          style={{ paddingBottom: spaceAfter }}
        >
          {indexes.map((index) => {
            const row = tableRows[index];
            if (!row) return null;
            const selected = selection?.isSelected(row.id) ?? false;
            const space = spaceBefore.get(index);
            return (
              <li
                key={row.id}
                style={space ? { marginTop: space } : undefined}
                {...rowProps(index, row.original)}
                className={`flex scroll-mt-20 items-start gap-3 rounded-lg border p-3 shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-ring ${selected ? "border-accent-border bg-accent/60" : rowTone?.(row.original) === "danger" ? "border-danger-border bg-danger-muted" : "border-border bg-surface"}`}
              >
                {selection && (
                  <input
                    type="checkbox"
                    className={`${checkboxClass} mt-1 shrink-0`}
                    aria-label={`Select ${rowName(row.original)}`}
                    checked={selected}
                    onChange={(event) => selection.toggle(row.id, event.target.checked)}
                  />
                )}
                <div className="min-w-0 flex-1">{renderCard(row.original)}</div>
              </li>
            );
          })}
        </ul>
      </div>
    );

  return (
    <div
      ref={list}
      // A size container: columns appear by the table's own width (@3xl:table-cell...), not the
      // window's, which the sidebar (64 or 256 px, or none) leaves a different share of.
      className="@container relative rounded-lg border border-border bg-surface shadow-sm"
      aria-busy={updating || undefined}
    >
      {updatingSign}
      <table className="w-full text-sm" aria-rowcount={tableRows.length + 1}>
        <caption className="sr-only">{label}</caption>
        <thead className="text-left text-xs font-semibold tracking-wide text-muted-foreground uppercase">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const { column } = header;
                const meta = column.columnDef.meta;
                const sortable = column.columnDef.enableSorting === true;
                const sorted = sort.column === column.id;
                const title =
                  typeof column.columnDef.header === "string" ? column.columnDef.header : column.id;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      sorted
                        ? sort.desc
                          ? "descending"
                          : "ascending"
                        : sortable
                          ? "none"
                          : undefined
                    }
                    // Sticky under the phone/tablet top bar (h-14), at the top on desktops.
                    className={`sticky top-14 z-10 border-b border-border bg-subtle px-2 py-2 first:rounded-tl-lg last:rounded-tr-lg sm:px-3 lg:top-0 ${meta?.className ?? ""}`}
                  >
                    {sortable ? (
                      <button
                        type="button"
                        className="-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-foreground"
                        onClick={() =>
                          onSortChange({
                            column: column.id,
                            desc: sorted ? !sort.desc : (meta?.firstSort ?? "desc") === "desc",
                          })
                        }
                      >
                        {title}
                        {sorted ? (
                          sort.desc ? (
                            <ArrowDown aria-hidden="true" className="size-3.5" />
                          ) : (
                            <ArrowUp aria-hidden="true" className="size-3.5" />
                          )
                        ) : (
                          <ArrowUpDown
                            aria-hidden="true"
                            className="size-3.5 text-faint-foreground"
                          />
                        )}
                      </button>
                    ) : header.isPlaceholder ? null : (
                      flexRender(column.columnDef.header, header.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody
          className={`divide-y divide-border transition-opacity ${updating ? "opacity-60" : ""}`}
        >
          {indexes.map((index) => {
            const row = tableRows[index];
            if (!row) return null;
            const selected = selection?.isSelected(row.id) ?? false;
            const space = spaceBefore.get(index);
            return (
              <Fragment key={row.id}>
                {space !== undefined && (
                  <tr>
                    <td colSpan={columnCount} style={{ height: space }} />
                  </tr>
                )}
                <tr
                  {...rowProps(index, row.original)}
                  aria-rowindex={index + 2}
                  aria-selected={selection ? selected : undefined}
                  className={`scroll-mt-24 outline-none focus-visible:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset ${selected ? "bg-accent/50" : rowTone?.(row.original) === "danger" ? "bg-danger-muted" : "hover:bg-subtle"}`}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={`px-2 py-2 sm:px-3 ${cell.column.columnDef.meta?.className ?? ""}`}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              </Fragment>
            );
          })}
          {spaceAfter > 0 && (
            <tr>
              <td colSpan={columnCount} style={{ height: spaceAfter }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
