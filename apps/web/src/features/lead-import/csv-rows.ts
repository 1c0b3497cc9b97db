// A CSV file as the import screen works with it: parsed in the browser (csv-text.ts, in a
// worker), its columns mapped to lead fields, each row checked with the API's own
// parseLeadImportRow, and the rows cut into chunks for leadImport.addRows.
import {
  guessLeadImportField,
  type LeadImportField,
  type LeadImportValues,
  leadImportFieldLabels,
  leadImportFields,
  leadImportNameFields,
  MAX_IMPORT_CELL,
  MAX_IMPORT_CHUNK_ROWS,
  parseLeadImportRow,
} from "@guild/api/schemas/lead-import";
import type { CsvFile } from "./csv-text.ts";

export type { CsvFile } from "./csv-text.ts";

/** Per column: the lead field it fills, or null (not imported). */
export type ColumnMapping = Array<LeadImportField | null>;

/** Each column's field by its header, each field taken by its first column only. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const taken = new Set<LeadImportField>();
  return headers.map((header) => {
    const field = guessLeadImportField(header);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/** What keeps a mapping from being used: required fields left out, a field mapped twice. */
export function mappingProblems(mapping: ColumnMapping): string[] {
  const problems: string[] = [];
  if (!leadImportNameFields.some((field) => mapping.includes(field)))
    problems.push(
      "Choose the column that holds each lead's name (or the columns of first and last names).",
    );
  for (const field of leadImportFields)
    if (mapping.filter((f) => f === field).length > 1)
      problems.push(
        `${leadImportFieldLabels[field]} is chosen for more than one column: keep one.`,
      );
  return problems;
}

/** A row's cells by the field their column maps to, each cut to what a request carries. */
export function valuesOf(cells: readonly string[], mapping: ColumnMapping): LeadImportValues {
  const values: LeadImportValues = {};
  mapping.forEach((field, column) => {
    if (field) values[field] = (cells[column] ?? "").slice(0, MAX_IMPORT_CELL);
  });
  return values;
}

export interface CheckedRows {
  bad: Array<{ rowNumber: number; error: string }>;
  good: number;
}

export type BadRow = CheckedRows["bad"][number];

/** The bad rows among rows [from, to), through the API's own check, with why. */
export function badRowsIn(file: CsvFile, mapping: ColumnMapping, from: number, to: number) {
  const bad: BadRow[] = [];
  for (const row of file.rows.slice(from, to)) {
    const parsed = parseLeadImportRow(valuesOf(row.cells, mapping));
    if (!parsed.ok) bad.push({ rowNumber: row.rowNumber, error: parsed.error });
  }
  return bad;
}

/**
 * The bytes one addRows call may carry: well under the server's 1 MiB body limit, with room for
 * tRPC's envelope and superjson's.
 */
export const CHUNK_BYTES = 600 * 1024;

type ChunkRow = { rowNumber: number; values: LeadImportValues };

/**
 * The mapped rows after row `after` (a resumed upload: those before arrived already) cut into
 * chunks of at most CHUNK_BYTES (as UTF-8 JSON) and the row limit.
 */
export function chunkRows(file: CsvFile, mapping: ColumnMapping, after = 1): ChunkRow[][] {
  const encoder = new TextEncoder();
  const chunks: ChunkRow[][] = [];
  let chunk: ChunkRow[] = [];
  let bytes = 0;
  for (const row of file.rows) {
    if (row.rowNumber <= after) continue;
    const item = { rowNumber: row.rowNumber, values: valuesOf(row.cells, mapping) };
    const size = encoder.encode(JSON.stringify(item)).length + 1;
    if (chunk.length > 0 && (bytes + size > CHUNK_BYTES || chunk.length >= MAX_IMPORT_CHUNK_ROWS)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
