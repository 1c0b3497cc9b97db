// GET /api/export/lead-import-errors.csv?org=<slug>&id=<import id>: an import's bad rows as CSV,
// each with its row number, its reason and its cells as mapped, so the importer can fix them in a
// spreadsheet and import that file. It drives leadImport.badRows (download.ts), so it is checked
// as the import screen's own list is.
import type { ApiDeps } from "../context.ts";
import { idSchema } from "../schemas/common.ts";
import { leadImportFieldLabels, leadImportFields } from "../schemas/lead-import.ts";
import { downloadCaller, refusal, streamedCsv } from "./download.ts";

/** The most bad rows a page of the download reads: leadImport.badRows' own limit. */
const PAGE = 200;

export async function leadImportErrorsCsv(
  deps: ApiDeps,
  req: Request,
  options: { clientAddress?: string | null } = {},
): Promise<Response> {
  const url = new URL(req.url);
  const slug = url.searchParams.get("org")?.trim().toLowerCase();
  if (!slug) return refusal(400, "Name the organization: ?org=<slug>");
  const id = idSchema.safeParse(url.searchParams.get("id"));
  if (!id.success) return refusal(400, "Name the import: ?id=<import id>");
  const caller = await downloadCaller(deps, req, slug, options.clientAddress ?? null);
  const date = deps.clock?.now() ?? new Date();
  return streamedCsv({
    page: (cursor: number | null) =>
      caller.leadImport.badRows({ id: id.data, cursor, limit: PAGE }),
    header: ["Row", "Why it is bad", ...leadImportFields.map((f) => leadImportFieldLabels[f])],
    row: (bad) => [bad.rowNumber, bad.error, ...leadImportFields.map((f) => bad.values[f])],
    filename: `bad-rows-${slug}-${date.toISOString().slice(0, 10)}.csv`,
  });
}
