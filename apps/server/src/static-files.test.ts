// The built SPA as browsers get it: precompressed copies chosen by Accept-Encoding, long caching
// for hashed assets, the app shell for client-side routes. Over real HTTP, on a small build.

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createServerFixture, startTestServer } from "./testing.ts";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
let dist: string;
const script = `console.log(${JSON.stringify("guild ".repeat(2000))});`;
const SECRET = "not-for-the-web-0f9e";
let secretName = "";
const shell = `<!doctype html><html><head><title>Guild</title></head><body><div id="root"></div>${"<!-- padding -->".repeat(80)}</body></html>`;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), "guild-dist-"));
  await mkdir(join(dist, "assets"));
  const write = async (path: string, text: string) => {
    await writeFile(join(dist, path), text);
    await writeFile(join(dist, `${path}.br`), brotliCompressSync(text));
    await writeFile(join(dist, `${path}.gz`), gzipSync(text));
  };
  await write("assets/app-1a2b3c.js", script);
  await writeFile(join(dist, "assets/app-1a2b3c.js.map"), '{"version":3,"sources":["secret.ts"]}');
  await write("index.html", shell);
  // What the web build writes (apps/web/build/route-preloads.ts), for a few screens.
  const route = (path: string, signedIn: boolean, name: string) => ({
    path,
    signedIn,
    scripts: [`assets/${name}-1a2b3c.js`, "assets/shared-4d5e6f.js"],
    styles: signedIn ? ["assets/authed-7a8b9c.css"] : [],
  });
  await writeFile(
    join(dist, "route-preloads.json"),
    JSON.stringify({
      routes: [
        route("/sign-in", false, "sign-in"),
        route("/o/$slug/leads", true, "leads"),
        route("/o/$slug/leads/new", true, "lead-new"),
        route("/o/$slug/leads/$leadId", true, "lead-detail"),
      ],
    }),
  );
  await writeFile(join(dist, "favicon.ico"), Buffer.from([0, 0, 1, 0]));
  // A file next to the build, where a path with ../ would land.
  secretName = `${basename(dist)}-secret.txt`;
  await writeFile(join(dist, "..", secretName), SECRET);
  fx = await createServerFixture(inject("pgAdminUrl"));
  server = await startTestServer(fx.database.url, { NODE_ENV: "production" }, { staticDir: dist });
});
afterAll(async () => {
  await server.close();
  await fx.close();
  await rm(dist, { recursive: true, force: true });
  await rm(join(dist, "..", secretName), { force: true });
});

/** Raw bytes and headers (fetch would decode the body and hide what was sent). */
function get(path: string, acceptEncoding?: string, cookie?: string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(new URL(path, server.url), {
      headers: {
        ...(acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding }),
        ...(cookie === undefined ? {} : { cookie }),
      },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the built SPA", () => {
  it("sends Brotli to browsers that take it, gzip to those that take only gzip, else plain", async () => {
    const br = await get("/assets/app-1a2b3c.js", "gzip, deflate, br, zstd");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toBe("accept-encoding");
    expect(br.headers["content-type"]).toBe("text/javascript");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 10);

    const gzip = await get("/assets/app-1a2b3c.js", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toBe(script);

    const anyButBr = await get("/assets/app-1a2b3c.js", "br;q=0, *");
    expect(anyButBr.headers["content-encoding"]).toBe("gzip");
    const refused = await get("/assets/app-1a2b3c.js", "gzip;q=0, *;q=0, br;q=0");
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body.toString()).toBe(script);
    const plain = await get("/assets/app-1a2b3c.js");
    expect(plain.body.toString()).toBe(script);
  });

  it("answers client-side routes with the app shell, never cached; unknown files with 404", async () => {
    const route = await get("/o/demo/leads", "br");
    expect(route.status).toBe(200);
    expect(route.headers["cache-control"]).toBe("no-cache");
    expect(brotliDecompressSync(route.body).toString()).toBe(shell);
    // The shell carries the content security policy: the app's own scripts and styles only.
    expect(route.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(route.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    // and the file storage's origin, which uploads go to and presigned images come from.
    const storage = server.storage.origin;
    expect(route.headers["content-security-policy"]).toContain(`connect-src 'self' ${storage}`);
    expect(route.headers["content-security-policy"]).toContain(`img-src 'self' data: ${storage}`);
    expect(route.headers["content-security-policy"]).toContain(`media-src 'self' ${storage}`);

    const icon = await get("/favicon.ico", "br");
    expect(icon.headers["content-encoding"]).toBeUndefined();
    expect([...icon.body]).toEqual([0, 0, 1, 0]);

    expect((await get("/assets/missing-9z.js", "br")).status).toBe(404);
    // A build's source maps hold the whole source: they stay on the server's disk.
    const map = await get("/assets/app-1a2b3c.js.map");
    expect(map.status).toBe(404);
    expect(map.body.toString()).not.toContain("secret.ts");
    // Nothing outside the build is reachable, however the path is spelled (sent raw: a URL
    // object would resolve the dots before they reach the server).
    for (const path of [
      `/../${secretName}`,
      `/assets/../../${secretName}`,
      `/%2e%2e/${secretName}`,
      `/assets/..%2f..%2f${secretName}`,
      `/..%5c${secretName}`,
    ]) {
      const outside = await get(path);
      expect(outside.body.toString(), path).not.toContain(SECRET);
      expect([200, 404], path).toContain(outside.status);
    }
  });

  it("links the files of the screen at the address into the shell, so they load with the entry", async () => {
    const links = (html: string) =>
      [...html.matchAll(/<link rel="(\w+)" crossorigin href="([^"]+)">/g)].map(
        ([, rel, href]) => `${rel} ${href}`,
      );
    const signIn = await get("/sign-in", "br");
    expect(signIn.headers["cache-control"]).toBe("no-cache");
    expect(signIn.headers["content-security-policy"]).toContain("default-src 'self'");
    const signInHtml = brotliDecompressSync(signIn.body).toString();
    expect(links(signInHtml)).toEqual([
      "modulepreload /assets/sign-in-1a2b3c.js",
      "modulepreload /assets/shared-4d5e6f.js",
    ]);
    // In the head, the rest of the shell as built.
    expect(signInHtml.replace(/<link [^>]*>/g, "")).toBe(shell);
    expect(gunzipSync((await get("/sign-in", "gzip")).body).toString()).toBe(signInHtml);
    expect((await get("/sign-in")).body.toString()).toBe(signInHtml);

    // A screen behind sign-in: its files only for a browser with a session (a visitor without
    // one is sent to sign-in, and would download a screen it never sees).
    const session = "theme=dark; better-auth.session_token=abc.def";
    expect(links((await get("/o/demo/leads", undefined, session)).body.toString())).toEqual([
      "stylesheet /assets/authed-7a8b9c.css",
      "modulepreload /assets/leads-1a2b3c.js",
      "modulepreload /assets/shared-4d5e6f.js",
    ]);
    expect((await get("/o/demo/leads", undefined, "theme=dark")).body.toString()).toBe(shell);
    expect((await get("/o/demo/leads")).body.toString()).toBe(shell);
    // The most specific pattern: the new-lead form is not a lead whose id is "new".
    const screen = async (path: string) =>
      links((await get(path, undefined, session)).body.toString())[1];
    expect(await screen("/o/demo/leads/new")).toBe("modulepreload /assets/lead-new-1a2b3c.js");
    expect(await screen("/o/demo/leads/0b7e-42")).toBe(
      "modulepreload /assets/lead-detail-1a2b3c.js",
    );
    expect(await screen("/o/demo/leads/")).toBe("modulepreload /assets/leads-1a2b3c.js");
    // No screen there: the plain shell.
    expect((await get("/o/demo/leads/0b7e-42/nope", undefined, session)).body.toString()).toBe(
      shell,
    );
  });
});
