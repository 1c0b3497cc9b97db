// GET /api/export/leads.csv: the leads of the current filter as CSV, streamed. It drives
// lead.exportPage through the server-side caller, page by page, so the export is checked exactly
// as the list is (session, membership, CRM access, RLS) and each page is a short transaction of
// its own: a slow download holds no connection and no transaction between pages.
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { ApiDeps } from "../context.ts";
import { createCaller } from "../index.ts";
import { ORG_HEADER } from "../org-header.ts";
import {
  type ExportLeadsInput,
  exportLeadsInput,
  leadSourceLabels,
  leadStatusLabels,
} from "../schemas/lead.ts";
import { csvRow } from "./csv.ts";

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

function refusal(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

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
  const headers = new Headers();
  const cookie = req.headers.get("cookie");
  if (cookie) headers.set("cookie", cookie);
  headers.set(ORG_HEADER, request.slug);
  const userAgent = req.headers.get("user-agent");
  if (userAgent) headers.set("user-agent", userAgent);
  const caller = await createCaller(deps, {
    headers,
    clientAddress: options.clientAddress ?? null,
  });
  const page = (cursor: ExportLeadsInput["cursor"]) =>
    caller.lead.exportPage({ ...request.input, cursor });

  // The first page decides the answer: refused calls get their status and message, not a CSV.
  let first: Awaited<ReturnType<typeof page>>;
  try {
    first = await page(null);
  } catch (error) {
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR")
      return refusal(getHTTPStatusCodeFromError(error), error.message);
    throw error;
  }

  const encoder = new TextEncoder();
  const rows = (items: typeof first.items) =>
    encoder.encode(
      items
        .map((lead) =>
          csvRow([
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
          ]),
        )
        .join(""),
    );
  let next = first.nextCursor;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark, so spreadsheet programs read the file as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${csvRow(header)}`));
      controller.enqueue(rows(first.items));
      if (!next) controller.close();
    },
    // Called when the client has read what was sent: a page at a time, at the client's pace.
    // A failure here errors the stream, so the download fails instead of ending short.
    async pull(controller) {
      if (!next) return;
      const more = await page(next);
      controller.enqueue(rows(more.items));
      next = more.nextCursor;
      if (!next) controller.close();
    },
  });
  const date = deps.clock?.now() ?? new Date();
  const filename = `leads-${request.slug}-${date.toISOString().slice(0, 10)}.csv`;
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
