import { useCallback, useEffect, useMemo, useState } from "react";

/**
 * Which rows a bulk action applies to: some rows by id, or every row the filter matches ("select
 * all N matching"), loaded or not. The server applies an action by the same filter, so "all"
 * never needs the ids.
 */
export type RowSelection = { kind: "ids"; ids: ReadonlySet<string> } | { kind: "all" };

const nothing: RowSelection = { kind: "ids", ids: new Set() };

/**
 * The selection of a list whose rows are `loadedIds`, for the filter `filterKey` names: a new
 * filter starts over (its matches are other rows), and rows that leave the list leave the
 * selection.
 */
export function useRowSelection(loadedIds: readonly string[], filterKey: string) {
  const [selection, setSelection] = useState<RowSelection>(nothing);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is the reason to start over
  useEffect(() => setSelection(nothing), [filterKey]);

  useEffect(() => {
    setSelection((previous) => {
      if (previous.kind === "all") return previous;
      const loaded = new Set(loadedIds);
      const kept = [...previous.ids].filter((id) => loaded.has(id));
      return kept.length === previous.ids.size ? previous : { kind: "ids", ids: new Set(kept) };
    });
  }, [loadedIds]);

  const isSelected = useCallback(
    (id: string) => selection.kind === "all" || selection.ids.has(id),
    [selection],
  );

  const toggle = useCallback(
    (id: string, on: boolean) =>
      setSelection((previous) => {
        // Unticking one row of "all matching" leaves the loaded rows but that one.
        const ids = new Set(previous.kind === "all" ? loadedIds : previous.ids);
        if (on) ids.add(id);
        else ids.delete(id);
        return { kind: "ids", ids };
      }),
    [loadedIds],
  );

  return useMemo(() => {
    const allLoaded =
      selection.kind === "all" ||
      (loadedIds.length > 0 && loadedIds.every((id) => selection.ids.has(id)));
    return {
      selection,
      isSelected,
      toggle,
      /** Every loaded row is selected (or all matching). */
      allLoaded,
      someLoaded: selection.kind === "all" || selection.ids.size > 0,
      /** How many rows an action would touch, given how many the filter matches. */
      count: (total: number) => (selection.kind === "all" ? total : selection.ids.size),
      setAllLoaded: (on: boolean) =>
        setSelection(on ? { kind: "ids", ids: new Set(loadedIds) } : nothing),
      selectAllMatching: () => setSelection({ kind: "all" }),
      clear: () => setSelection(nothing),
      /** The ids for the server, or undefined for "every match of the filter". */
      ids: () => (selection.kind === "all" ? undefined : [...selection.ids]),
    };
  }, [selection, loadedIds, isSelected, toggle]);
}

export type RowSelectionState = ReturnType<typeof useRowSelection>;
