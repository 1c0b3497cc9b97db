// A CSV file's text as the import screen works with it (papaparse): its headers and its rows,
// numbered as a spreadsheet numbers them. Runs in the CSV worker (csv-worker.ts), so a file of
// 100,000 rows never freezes the page.
import { MAX_IMPORT_ROWS } from "@guild/api/schemas/lead-import";
import Papa from "papaparse";

export interface CsvFile {
  name: string;
  headers: string[];
  /** The rows after the header, each the file's row number (the header is row 1) and cells. */
  rows: Array<{ rowNumber: number; cells: string[] }>;
}

/** The file's headers and rows, or throws a sentence saying what is wrong with it. */
export function csvFromText(name: string, text: string): CsvFile {
  const { data } = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" });
  const [header, ...body] = data;
  if (!header || header.every((cell) => cell.trim() === ""))
    throw new Error("This file is empty: it needs a header row and at least one row.");
  if (body.length === 0) throw new Error("This file has a header row but no rows to import.");
  if (body.length > MAX_IMPORT_ROWS)
    throw new Error(
      `This file has ${body.length.toLocaleString("en")} rows: at most ${MAX_IMPORT_ROWS.toLocaleString("en")} can be imported at once. Split it and import each part.`,
    );
  return {
    name,
    // A byte order mark (Excel's "CSV UTF-8") would make the first header unrecognizable.
    headers: header.map((cell, i) => (i === 0 ? cell.replace(/^\uFEFF/, "") : cell).trim()),
    rows: body.map((cells, i) => ({ rowNumber: i + 2, cells })),
  };
}
