import { Columns3 } from "lucide-react";
import { buttonClass } from "../button.tsx";
import { deferred } from "../deferred.tsx";

/**
 * Show or hide a table's columns (columns-menu.lazy.tsx): the menu library loads after the
 * screen's first paint; until then its button's look holds the place.
 */
export const ColumnsMenu = deferred(
  () => import("./columns-menu.lazy.tsx").then((m) => m.ColumnsMenu),
  () => (
    <span aria-hidden="true" className={buttonClass("secondary", "sm")}>
      <Columns3 aria-hidden="true" className="size-4" />
      Columns
    </span>
  ),
);
