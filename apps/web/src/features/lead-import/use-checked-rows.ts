import { useEffect, useState } from "react";
import {
  type BadRow,
  badRowsIn,
  type CheckedRows,
  type ColumnMapping,
  type CsvFile,
} from "./csv-rows.ts";

/** Rows checked between two yields to the browser: a few dozen milliseconds of work. */
const SLICE_ROWS = 2_000;

export interface RowCheck {
  /** Every row's outcome, once all are checked. */
  checked: CheckedRows | null;
  /** Rows checked so far. */
  done: number;
}

/**
 * Checks every row of the file against the mapping a slice at a time, yielding to the browser in
 * between: 100,000 rows take seconds, which in one go would freeze the page (typing, scrolling,
 * the mapping's own selects) and start over from the top on every change of a column.
 */
export function useCheckedRows(file: CsvFile, mapping: ColumnMapping, enabled: boolean): RowCheck {
  const [check, setCheck] = useState<RowCheck>({ checked: null, done: 0 });
  useEffect(() => {
    setCheck({ checked: null, done: 0 });
    if (!enabled) return;
    const bad: BadRow[] = [];
    let from = 0;
    let timer: ReturnType<typeof setTimeout>;
    const step = () => {
      const to = Math.min(from + SLICE_ROWS, file.rows.length);
      bad.push(...badRowsIn(file, mapping, from, to));
      from = to;
      if (from < file.rows.length) {
        setCheck({ checked: null, done: from });
        timer = setTimeout(step, 0);
      } else setCheck({ checked: { bad, good: file.rows.length - bad.length }, done: from });
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [file, mapping, enabled]);
  return check;
}
