// The app's stable URLs for public files (avatars now; logos and images of public pages later):
// GET /api/files/<organizationId>/<fileId>. For <img> tags in the app, on public pages and in
// mail, where a presigned URL would stop working within minutes. The same URL serves images in
// posts to the signed-in members who may read them (their session's cookie, checked per request). The bucket stays private: the
// bytes pass through the app, which serves only ready files of a public purpose. A file id is
// never reused (a new picture is a new file), so responses can be cached for a day and
// revalidated by ETag without a round trip to S3.
import { asSystem, eq, organization, withTenant } from "@guild/db";
import { contentDisposition, StorageUnavailableError } from "@guild/storage";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { ApiDeps } from "./context.ts";
import { downloadCaller } from "./exports/download.ts";
import { publicFile, readyFile } from "./services/file.ts";
import { filePolicies } from "./services/file-policies.ts";

const ids = z.object({ organizationId: z.uuid(), fileId: z.uuid() });

/** A day in browsers and shared caches; a removed picture stops being served within that. */
export const PUBLIC_FILE_CACHE_CONTROL = "public, max-age=86400";

/** A member's file: never in a shared cache, and asked again (ETag) every time it is shown. */
export const MEMBER_FILE_CACHE_CONTROL = "private, no-cache";

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

/** Whether the request's session may read this file, a member's (not public) one. */
async function mayReadMemberFile(
  deps: ApiDeps,
  request: Request,
  organizationId: string,
  fileId: string,
): Promise<boolean> {
  if (!request.headers.get("cookie")) return false;
  const [org] = await deps.db
    .select({ slug: organization.slug })
    .from(organization)
    .where(eq(organization.id, organizationId));
  if (!org) return false;
  try {
    const caller = await downloadCaller(deps, request, org.slug, null);
    await caller.file.downloadUrl({ id: fileId });
    return true;
  } catch (error) {
    // Signed out, not a member, not allowed, no such file: all the same 404 to the browser.
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return false;
    throw error;
  }
}

export async function servePublicFile(
  deps: ApiDeps,
  request: Request,
  params: { organizationId: string; fileId: string },
): Promise<Response> {
  const parsed = ids.safeParse(params);
  if (!parsed.success) return plain(404, "Not found");
  const { organizationId, fileId } = parsed.data;
  // A visitor: nobody signed in is needed to see a public file.
  const clock = deps.clock ? { clock: deps.clock } : {};
  let row = await withTenant(
    deps.db,
    { organizationId, actor: { kind: "visitor" }, ...clock },
    (scope) => publicFile(scope, fileId),
  );
  let cacheControl = PUBLIC_FILE_CACHE_CONTROL;
  if (!row) {
    // Not public (an image in a post): only for a signed-in member who may read it, decided by
    // file.downloadUrl through the request's own session, exactly as the app's own call would be
    // (membership, the purpose's policy, row-level security). Browsers keep it but ask again each
    // time (private, no-cache): a member who lost the space gets 404, not yesterday's copy.
    row = await withTenant(
      deps.db,
      { ...asSystem(organizationId, "serve a file"), ...clock },
      (scope) => readyFile(scope, fileId),
    );
    if (!row || !filePolicies[row.purpose].servedToMembers) return plain(404, "Not found");
    if (!(await mayReadMemberFile(deps, request, organizationId, fileId)))
      return plain(404, "Not found");
    cacheControl = MEMBER_FILE_CACHE_CONTROL;
  }
  const etag = row.etag ?? `"${row.id}"`;
  const headers: Record<string, string> = {
    etag,
    "cache-control": cacheControl,
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
