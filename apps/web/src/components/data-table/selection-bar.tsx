import type { ReactNode } from "react";
import { Button } from "../button.tsx";
import type { RowSelectionState } from "./use-row-selection.ts";

/**
 * What is selected and what can be done with it: "3 selected", or every loaded row with the
 * offer to take all N matching the filter (loaded or not), then the screen's bulk actions.
 */
export function SelectionBar({
  selection,
  loaded,
  total,
  capped,
  noun,
  children,
}: {
  selection: RowSelectionState;
  /** How many rows are loaded, and how many the filter matches (capped: at least that many). */
  loaded: number;
  total: number;
  capped: boolean;
  /** "lead" or "leads", for a count. */
  noun: (count: number) => string;
  children: ReactNode;
}) {
  if (!selection.someLoaded) return null;
  const all = selection.selection.kind === "all";
  const count = selection.count(total);
  const totalText = `${total.toLocaleString("en")}${capped ? "+" : ""}`;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md bg-accent px-2 py-2 text-sm text-accent-foreground ring-1 ring-accent-border sm:px-3">
      <span role="status" className="font-medium">
        {all
          ? `All ${totalText} matching ${noun(total)} selected`
          : `${count.toLocaleString("en")} selected`}
      </span>
      {!all && selection.allLoaded && total > loaded && (
        <Button variant="ghost" size="sm" onClick={selection.selectAllMatching}>
          Select all {totalText} matching
        </Button>
      )}
      <div className="flex flex-wrap items-center gap-2">{children}</div>
      <Button variant="ghost" size="sm" onClick={selection.clear}>
        Clear selection
      </Button>
    </div>
  );
}
