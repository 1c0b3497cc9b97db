import { SlidersHorizontal } from "lucide-react";
import { type ReactNode, useState } from "react";
import { useMediaQuery, WIDER_THAN_PHONE } from "../../lib/use-media-query.ts";
import { Button, buttonClass } from "../button.tsx";
import { deferred } from "../deferred.tsx";

// The sheet (a dialog library) loads after the list's first paint; until then its button shows,
// inert: nothing can press it, and it is not in the accessibility tree yet.
const Sheet = deferred(
  () => import("../sheet.tsx").then((m) => m.Sheet),
  ({ trigger }) => (
    <div inert className="contents">
      {trigger}
    </div>
  ),
);

/**
 * A list screen's filters: in a row above the table on wider screens; on a phone the search stays
 * on the page and the rest waits in a bottom sheet behind a Filters button that says how many
 * are in use.
 */
export function FilterBar({
  searchBox,
  fields,
  chosen,
  sheetTitle,
  showLabel,
}: {
  /** The search box, when the list has one: on a phone it stays beside the Filters button. */
  searchBox?: ReactNode;
  /** The filters and the sort (the phone's cards have no column headers to sort by). */
  fields: ReactNode;
  /** How many filters are in use (the search not counted: it shows). */
  chosen: number;
  /** "Filter and sort leads". */
  sheetTitle: string;
  /** The sheet's closing button: "Show leads". */
  showLabel: string;
}) {
  const wide = useMediaQuery(WIDER_THAN_PHONE);
  const [sheetOpen, setSheetOpen] = useState(false);
  if (wide)
    return (
      <div className="flex flex-wrap items-end gap-3">
        {searchBox}
        {fields}
      </div>
    );
  return (
    <div className="flex items-end gap-2">
      {searchBox}
      <Sheet
        open={sheetOpen}
        onOpenChange={setSheetOpen}
        title={sheetTitle}
        trigger={
          <button type="button" className={buttonClass("secondary", "md", "h-[38px]")}>
            <SlidersHorizontal aria-hidden="true" className="size-4" />
            Filters
            {chosen > 0 && <span className="sr-only">, {chosen} in use</span>}
            {chosen > 0 && (
              <span
                aria-hidden="true"
                className="rounded-full bg-primary px-1.5 text-xs font-semibold text-primary-foreground"
              >
                {chosen}
              </span>
            )}
          </button>
        }
      >
        <div className="grid gap-4">
          {fields}
          <Button onClick={() => setSheetOpen(false)}>{showLabel}</Button>
        </div>
      </Sheet>
    </div>
  );
}
