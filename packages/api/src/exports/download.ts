// What every CSV download shares: a download link carries cookies, no custom header, so the
// organization comes from the query string; the procedure behind it is called through the
// server-side caller, page by page, so a download is checked exactly as the screen's own call
// (session, membership, CRM access, RLS) and each page is a short transaction of its own: a slow
// download holds no connection and no transaction between pages.
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { ApiDeps } from "../context.ts";
import { createCaller } from "../index.ts";
import { ORG_HEADER } from "../org-header.ts";
import { type CsvValue, csvRow } from "./csv.ts";

/** A refused download: the status and a sentence, never a CSV. */
export function refusal(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/** The caller of the request's session, naming the organization of `?org=`. */
export function downloadCaller(
  deps: ApiDeps,
  req: Request,
  slug: string,
  clientAddress: string | null,
) {
  const headers = new Headers();
  const cookie = req.headers.get("cookie");
  if (cookie) headers.set("cookie", cookie);
  headers.set(ORG_HEADER, slug);
  const userAgent = req.headers.get("user-agent");
  if (userAgent) headers.set("user-agent", userAgent);
  return createCaller(deps, { headers, clientAddress });
}

/**
 * A CSV download of every page `page` gives, from the first (which decides the answer: a refused
 * call gets its status and message) to the last, read at the client's pace.
 */
export async function streamedCsv<TItem, TCursor>(options: {
  page: (cursor: TCursor | null) => Promise<{ items: TItem[]; nextCursor: TCursor | null }>;
  header: readonly string[];
  row: (item: TItem) => CsvValue[];
  filename: string;
}): Promise<Response> {
  const { page, header, row, filename } = options;
  let first: Awaited<ReturnType<typeof page>>;
  try {
    first = await page(null);
  } catch (error) {
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR")
      return refusal(getHTTPStatusCodeFromError(error), error.message);
    throw error;
  }
  const encoder = new TextEncoder();
  const rows = (items: TItem[]) => encoder.encode(items.map((item) => csvRow(row(item))).join(""));
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
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
