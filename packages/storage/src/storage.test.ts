// The storage layer against the run's real s3rver (no mocks): presigned uploads as a browser
// sends them, CORS preflight, inspection, downloads, listing across pages and deletion.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { contentDisposition, type Storage, sniffContentType } from "./index.ts";
import { createTestBucket } from "./testing.ts";

const ORIGIN = "http://localhost:5173";
const png = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 4,
]);

let storage: Storage;
let close: () => Promise<void>;

beforeAll(async () => {
  const bucket = await createTestBucket(inject("s3Url"), { listPageSize: 2 });
  storage = bucket.storage;
  close = bucket.close;
});
afterAll(() => close());

/** What a browser does with a File: fetch sets Content-Length from the body. */
function browserPut(url: string, body: Blob) {
  return fetch(url, {
    method: "PUT",
    body,
    headers: { "content-type": body.type, origin: ORIGIN },
  });
}

describe("presigned uploads", () => {
  it("signs content type and length, carries no checksum, and a browser PUT lands", async () => {
    const url = new URL(
      await storage.presignUpload("org/a/f1", { contentType: "image/png", size: png.length }, 300),
    );
    expect(url.origin).toBe(storage.origin);
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;content-type;host");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
    // The SDK's default would add the CRC32 of an empty body, which real S3 then refuses.
    expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);

    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: {
        origin: ORIGIN,
        "access-control-request-method": "PUT",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("PUT");

    const put = await browserPut(url.toString(), new Blob([png], { type: "image/png" }));
    expect(put.status).toBe(200);
    expect(put.headers.get("access-control-allow-origin")).toBe(ORIGIN);

    expect(await storage.head("org/a/f1")).toMatchObject({
      size: png.length,
      contentType: "image/png",
    });
    expect(sniffContentType(await storage.readStart("org/a/f1", 16))).toBe("image/png");
  });

  it("refuses a preflight from an origin the bucket does not allow", async () => {
    const url = await storage.presignUpload("org/a/f2", { contentType: "image/png", size: 1 }, 60);
    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: {
        origin: "https://evil.example",
        "access-control-request-method": "PUT",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(403);
  });

  it("shows why uploads are inspected: s3rver stores a longer body and another type", async () => {
    const url = await storage.presignUpload("org/a/f3", { contentType: "image/png", size: 16 }, 60);
    const put = await browserPut(
      url,
      new Blob(["<html>not a png at all</html>"], { type: "text/html" }),
    );
    expect(put.status).toBe(200);
    const head = await storage.head("org/a/f3");
    expect(head).toMatchObject({ size: 29, contentType: "text/html" });
    expect(sniffContentType(await storage.readStart("org/a/f3", 16))).toBeNull();
  });
});

describe("objects", () => {
  it("answers null for a missing object", async () => {
    expect(await storage.head("org/a/missing")).toBeNull();
    expect(await storage.get("org/a/missing")).toBeNull();
  });

  it("downloads through a short-lived URL under the user's name, and streams for the app", async () => {
    await storage.put("org/b/report", new TextEncoder().encode("%PDF-1.7 tiny"), "application/pdf");
    const url = await storage.presignDownload(
      "org/b/report",
      { filename: "Résumé «final».pdf", contentType: "application/pdf" },
      60,
    );
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/pdf");
    expect(answer.headers.get("content-disposition")).toBe(
      `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%C2%ABfinal%C2%BB.pdf`,
    );
    expect(await answer.text()).toBe("%PDF-1.7 tiny");

    const object = await storage.get("org/b/report");
    expect(object?.size).toBe(13);
    expect(await new Response(object?.body).text()).toBe("%PDF-1.7 tiny");
  });

  it("copies on the S3 side: bytes, type and ETag; the copy does not follow its source", async () => {
    await storage.put("org/e/uploads/f1", png, "image/png");
    expect(await storage.copy("org/e/uploads/f1", "org/e/f1")).toBe(true);
    const source = await storage.head("org/e/uploads/f1");
    expect(await storage.head("org/e/f1")).toEqual(source);
    await storage.put("org/e/uploads/f1", new TextEncoder().encode("<html>"), "image/png");
    const copy = await storage.get("org/e/f1");
    expect(new Uint8Array(await new Response(copy?.body).arrayBuffer())).toEqual(png);
    expect(await storage.copy("org/e/uploads/never-there", "org/e/f2")).toBe(false);
    expect(await storage.head("org/e/f2")).toBeNull();
  });

  it("counts and deletes a prefix across list pages, and nothing of a longer prefix", async () => {
    for (let i = 0; i < 5; i++) await storage.put(`org/c/f${i}`, png, "image/png");
    await storage.put("org/c0/kept", png, "image/png");
    expect(await storage.usage("org/c/")).toEqual({ bytes: 5 * png.length, objects: 5 });
    expect(await storage.deletePrefix("org/c/")).toBe(5);
    expect(await storage.usage("org/c/")).toEqual({ bytes: 0, objects: 0 });
    expect(await storage.usage("org/c0/")).toEqual({ bytes: png.length, objects: 1 });
    await expect(storage.usage("org/c")).rejects.toThrow(/must end with/);
  });

  it("deletes keys in batches, missing ones included", async () => {
    await storage.put("org/d/1", png, "image/png");
    await storage.deleteKeys(["org/d/1", "org/d/never-there"]);
    expect(await storage.head("org/d/1")).toBeNull();
    await storage.deleteKeys([]);
  });
});

describe("sniffContentType", () => {
  const bytes = (...values: Array<number | string>) =>
    new Uint8Array(
      values.flatMap((v) => (typeof v === "string" ? [...v].map((c) => c.charCodeAt(0)) : [v])),
    );
  it.each([
    ["image/png", bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0, 0)],
    ["image/jpeg", bytes(0xff, 0xd8, 0xff, 0xe0)],
    ["image/gif", bytes("GIF89a", 1, 0)],
    ["image/gif", bytes("GIF87a", 1, 0)],
    ["image/webp", bytes("RIFF", 1, 2, 3, 4, "WEBPVP8 ")],
    ["application/pdf", bytes("%PDF-1.4")],
  ])("recognizes %s", (type, data) => {
    expect(sniffContentType(data)).toBe(type);
  });
  it.each([
    ["HTML", bytes("<!doctype html>")],
    ["SVG", bytes("<svg xmlns=")],
    ["RIFF that is not WebP", bytes("RIFF", 1, 2, 3, 4, "WAVEfmt ")],
    ["empty", bytes()],
  ])("refuses %s", (_name, data) => {
    expect(sniffContentType(data)).toBeNull();
  });
});

describe("contentDisposition", () => {
  it("keeps the exact name in filename* and a safe ASCII fallback", () => {
    expect(contentDisposition("attachment", 'a"b\\c;d%e.pdf')).toBe(
      `attachment; filename="a_b_c_d_e.pdf"; filename*=UTF-8''a%22b%5Cc%3Bd%25e.pdf`,
    );
    expect(contentDisposition("inline", "logo (1).png")).toBe(
      `inline; filename="logo (1).png"; filename*=UTF-8''logo%20%281%29.png`,
    );
  });
});
