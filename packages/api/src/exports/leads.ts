// GET /api/export/leads.csv: the leads of the current filter as CSV, streamed. It drives
// lead.exportPage through the server-side caller (download.ts), so the export is checked exactly
// as the list is.
import type { ApiDeps } from "../context.ts";
import {
  type ExportLeadsInput,
  exportLeadsInput,
  leadSourceLabels,
  leadStatusLabels,
} from "../schemas/lead.ts";
import { downloadCaller, refusal, streamedCsv } from "./download.ts";

/** The filter's JSON in the query string: more than this is not a filter a screen makes. */
const MAX_INPUT_LENGTH = 4096;

const header = [
  "Name",
  "Email",
  "Company",
  "Phone",
  "Status",
  "Source",
  "Value",
  "Owner",
  "Notes",
  "Created at",
  "Updated at",
];

/** `?org=<slug>&input=<the list's filters as JSON>`, as the leads screen links it. */
function parseRequest(url: URL): { slug: string; input: ExportLeadsInput } | Response {
  const slug = url.searchParams.get("org")?.trim().toLowerCase();
  if (!slug) return refusal(400, "Name the organization: ?org=<slug>");
  const raw = url.searchParams.get("input") ?? "{}";
  if (raw.length > MAX_INPUT_LENGTH) return refusal(400, "The filter is too long");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return refusal(400, "The filter is not valid JSON");
  }
  // Dates in a cursor would arrive as strings: an export starts at the first page.
  const parsed = exportLeadsInput.omit({ cursor: true }).safeParse(json);
  if (!parsed.success)
    return refusal(400, `Invalid filter: ${parsed.error.issues[0]?.message ?? "invalid input"}`);
  return { slug, input: parsed.data };
}

export async function leadsCsv(
  deps: ApiDeps,
  req: Request,
  options: { clientAddress?: string | null } = {},
): Promise<Response> {
  const request = parseRequest(new URL(req.url));
  if (request instanceof Response) return request;
  const caller = await downloadCaller(deps, req, request.slug, options.clientAddress ?? null);
  const date = deps.clock?.now() ?? new Date();
  return streamedCsv({
    page: (cursor: ExportLeadsInput["cursor"]) =>
      caller.lead.exportPage({ ...request.input, cursor }),
    header,
    row: (lead) => [
      lead.name,
      lead.email,
      lead.company,
      lead.phone,
      leadStatusLabels[lead.status],
      lead.source ? leadSourceLabels[lead.source] : null,
      lead.valueCents === null ? null : (lead.valueCents / 100).toFixed(2),
      lead.ownerName,
      lead.notes,
      lead.createdAt,
      lead.updatedAt,
    ],
    filename: `leads-${request.slug}-${date.toISOString().slice(0, 10)}.csv`,
  });
}
