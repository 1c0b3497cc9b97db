// The app's stable URLs for public files (avatars now; logos and images of public pages later):
// GET /api/files/<organizationId>/<fileId>. For <img> tags in the app, on public pages and in
// mail, where a presigned URL would stop working within minutes. The bucket stays private: the
// bytes pass through the app, which serves only ready files of a public purpose. A file id is
// never reused (a new picture is a new file), so responses can be cached for a day and
// revalidated by ETag without a round trip to S3.
import { withTenant } from "@guild/db";
import { contentDisposition, StorageUnavailableError } from "@guild/storage";
import { z } from "zod";
import type { ApiDeps } from "./context.ts";
import { publicFile } from "./services/file.ts";

const ids = z.object({ organizationId: z.uuid(), fileId: z.uuid() });

/** A day in browsers and shared caches; a removed picture stops being served within that. */
export const PUBLIC_FILE_CACHE_CONTROL = "public, max-age=86400";

function plain(status: number, text: string, headers: Record<string, string> = {}) {
  return new Response(text, {
    status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      ...headers,
    },
  });
}

/** Whether an If-None-Match header names this ETag (or is `*`). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === etag || tag === "*");
}

export async function servePublicFile(
  deps: Pick<ApiDeps, "db" | "storage" | "clock">,
  request: Request,
  params: { organizationId: string; fileId: string },
): Promise<Response> {
  const parsed = ids.safeParse(params);
  if (!parsed.success) return plain(404, "Not found");
  const { organizationId, fileId } = parsed.data;
  // A visitor: nobody signed in is needed to see a public file.
  const row = await withTenant(
    deps.db,
    { organizationId, actor: { kind: "visitor" }, ...(deps.clock ? { clock: deps.clock } : {}) },
    (scope) => publicFile(scope, fileId),
  );
  if (!row) return plain(404, "Not found");
  const etag = row.etag ?? `"${row.id}"`;
  const headers: Record<string, string> = {
    etag,
    "cache-control": PUBLIC_FILE_CACHE_CONTROL,
    "content-type": row.contentType,
    "content-disposition": contentDisposition("inline", row.name),
    // Served from the app's own origin: never a document that could run anything.
    "content-security-policy": "default-src 'none'; sandbox",
  };
  if (matches(request.headers.get("if-none-match"), etag))
    return new Response(null, { status: 304, headers });
  try {
    if (request.method === "HEAD") {
      const head = await deps.storage.head(row.storageKey);
      if (!head) return plain(404, "Not found");
      return new Response(null, {
        status: 200,
        headers: { ...headers, "content-length": String(head.size) },
      });
    }
    const object = await deps.storage.get(row.storageKey);
    if (!object) return plain(404, "Not found");
    return new Response(object.body, {
      status: 200,
      headers: { ...headers, "content-length": String(object.size) },
    });
  } catch (error) {
    if (error instanceof StorageUnavailableError)
      return plain(503, "File storage is not answering. Try again in a moment.", {
        "retry-after": "5",
      });
    throw error;
  }
}
