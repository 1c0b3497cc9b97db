// Files over real HTTP, as a browser tab and the S3 server see them: the presigned PUT's CORS
// preflight from the app's origin, the upload, its confirmation, the download, and the app's
// stable, cached URL for public files.
import { DEMO_PASSWORD } from "@guild/db/seed";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { Browser, createServerFixture, readJson, signIn, uniqueIp } from "./testing.ts";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
let tab: Browser;
let organizationId: string;
const demo = { "x-guild-org": "demo" };

beforeAll(async () => {
  fx = await createServerFixture(inject("pgAdminUrl"));
  tab = new Browser(fx.server.url, { ip: uniqueIp() });
  expect((await signIn(tab, "admin@demo.guild", DEMO_PASSWORD)).status).toBe(200);
  organizationId = (await query("organization.current", undefined, z.object({ id: z.string() })))
    .id;
});
afterAll(() => fx.close());

const envelope = z.object({ result: z.object({ data: z.object({ json: z.unknown() }) }) });

async function query<T extends z.ZodType>(
  path: string,
  input: unknown,
  shape: T,
): Promise<z.infer<T>> {
  const search =
    input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await tab.request(`/api/trpc/${path}${search}`, { headers: demo });
  return shape.parse((await readJson(response, envelope)).result.data.json);
}

async function mutate<T extends z.ZodType>(
  path: string,
  input: unknown,
  shape: T,
): Promise<z.infer<T>> {
  const response = await tab.post(`/api/trpc/${path}`, { json: input }, demo);
  return shape.parse((await readJson(response, envelope)).result.data.json);
}

const started = z.object({
  file: z.object({ id: z.string() }),
  upload: z.object({ url: z.string(), headers: z.record(z.string(), z.string()) }),
});

function png(size: number) {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
}

/** The browser's side of an upload: the preflight from the app's origin, then the PUT. */
async function putAsBrowser(url: string, body: Uint8Array, contentType: string) {
  const origin = fx.server.url;
  const preflight = await fetch(url, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "PUT",
      "access-control-request-headers": "content-type",
    },
  });
  expect(preflight.status).toBe(200);
  const put = await fetch(url, {
    method: "PUT",
    body: new Blob([body], { type: contentType }),
    headers: { "content-type": contentType, origin },
  });
  expect(put.status).toBe(200);
  expect(put.headers.get("access-control-allow-origin")).toBe(origin);
}

describe("files over HTTP", () => {
  it("uploads a lead attachment from the app's origin and downloads it back", async () => {
    const lead = await mutate(
      "lead.create",
      { name: "Files over HTTP" },
      z.object({ id: z.string() }),
    );
    const body = new TextEncoder().encode("%PDF-1.4\n% over http\n");
    const upload = await mutate(
      "lead.startAttachmentUpload",
      { leadId: lead.id, name: "offer.pdf", size: body.length, contentType: "application/pdf" },
      started,
    );
    // The upload goes to storage, not through the app.
    expect(new URL(upload.upload.url).origin).toBe(fx.server.storage.origin);
    await putAsBrowser(upload.upload.url, body, "application/pdf");
    await mutate(
      "file.confirmUpload",
      { id: upload.file.id },
      z.object({ status: z.literal("ready") }),
    );

    const link = await query(
      "file.downloadUrl",
      { id: upload.file.id },
      z.object({ url: z.string() }),
    );
    const download = await fetch(link.url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain("attachment;");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(body);

    // A private file has no public URL.
    expect((await tab.request(`/api/files/${organizationId}/${upload.file.id}`)).status).toBe(404);
  });

  it("serves an avatar at a stable URL with caching: ETag, 304, HEAD", async () => {
    const bytes = png(96);
    const upload = await mutate(
      "member.startAvatarUpload",
      { name: "me.png", size: bytes.length, contentType: "image/png" },
      started,
    );
    await putAsBrowser(upload.upload.url, bytes, "image/png");
    await mutate(
      "file.confirmUpload",
      { id: upload.file.id },
      z.object({ status: z.literal("ready") }),
    );
    const current = await query(
      "organization.current",
      undefined,
      z.object({ membership: z.object({ avatarUrl: z.string() }) }),
    );
    const path = current.membership.avatarUrl;
    expect(path).toBe(`/api/files/${organizationId}/${upload.file.id}`);

    // No session needed: public pages and mail show it too.
    const anonymous = new Browser(fx.server.url);
    const served = await anonymous.request(path);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
    const etag = served.headers.get("etag") ?? "";
    expect(etag).not.toBe("");

    const revalidated = await anonymous.request(path, { headers: { "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
    const head = await anonymous.request(path, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("96");

    for (const missing of [
      `/api/files/${organizationId}/00000000-0000-4000-8000-000000000000`,
      `/api/files/not-an-org/${upload.file.id}`,
      `/api/files/${organizationId}`,
    ])
      expect((await anonymous.request(missing)).status, missing).toBe(404);
  });
});
