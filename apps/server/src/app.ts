import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { extname, join, normalize } from "node:path";
import {
  type ApiDeps,
  calendarFeedFile,
  certificatePdf,
  createFetchHandler,
  eventGuestsCsv,
  eventIcsFile,
  firstLoad,
  leadImportErrorsCsv,
  leadsCsv,
  receiveStripeWebhook,
  STRIPE_WEBHOOK_PATH,
  servePublicFile,
} from "@guild/api";
import { authRouteOf, type DevMailbox } from "@guild/auth";
import { sql, systemClock } from "@guild/db";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { FIRST_LOAD_CACHE_CONTROL, firstLoadPage, shellWithFirstLoad } from "./first-load.ts";
import type { Logger } from "./log.ts";
import { createShells, SESSION_COOKIE } from "./route-preloads.ts";
import { createStaticFiles, negotiate, type StaticFile } from "./static-files.ts";

/** The clock POST /dev/clock moves: what it reads, and how to move it with the queued jobs. */
export interface DevClock {
  now(): Date;
  offsetMs(): number;
  advance(ms: number): Promise<void>;
}

export interface AppOptions extends ApiDeps {
  log: Logger;
  /** Origins allowed to send cookie-bearing, state-changing requests. */
  trustedOrigins: string[];
  /** Trust x-forwarded-for from a proxy; otherwise the socket address is the client. */
  trustProxy: boolean;
  /** Built SPA to serve (production). */
  staticDir?: string | undefined;
  /** Dev mailbox to expose at /dev/mailbox (never in production). */
  devMailbox?: DevMailbox | null | undefined;
  /** A test clock to expose at /dev/clock (development and tests only; GUILD_TEST_CLOCK). */
  devClock?: DevClock | null | undefined;
  maxBatchSize?: number;
}

/** The largest request body accepted on /api/* (a full batch of long leads is ~150 KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The deepest nesting of arrays and objects accepted in JSON on /api/* (tRPC inputs need ~10). */
export const MAX_JSON_DEPTH = 64;

const tooDeep = (c: { json: (body: unknown, status: 400) => Response }) =>
  c.json({ error: `The JSON is nested too deeply (over ${MAX_JSON_DEPTH} levels)` }, 400);

/**
 * A scan of JSON text, fed its bytes chunk by chunk, that says once arrays and objects nest
 * deeper than `max` (brackets inside strings do not count). No parsing: malformed JSON is the
 * parser's to refuse; this only bounds how deep a parser would have to go.
 */
export function jsonDepthScanner(max: number): (chunk: Uint8Array) => boolean {
  let depth = 0;
  let inString = false;
  // A backslash as a chunk's last byte escapes the next chunk's first.
  let escaped = false;
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (escaped) escaped = false;
      else if (inString) {
        // UTF-8 continuation bytes are never a quote or a backslash.
        if (byte === 0x5c) escaped = true;
        else if (byte === 0x22) inString = false;
      } else if (byte === 0x22) inString = true;
      else if (byte === 0x5b || byte === 0x7b) {
        depth++;
        if (depth > max) return true;
      } else if (byte === 0x5d || byte === 0x7d) depth--;
    }
    return false;
  };
}

/** On every response: no MIME sniffing, no framing (clickjacking), no full URLs in Referer. */
const SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "cross-origin-opener-policy": "same-origin",
};

/**
 * The built SPA's content security policy: its own scripts, styles and API only (the build has
 * no inline script or style; the favicon is a data: URL), plus the file storage's origin, which
 * the browser PUTs uploads to (connect-src) and may show presigned images and media from. Workers
 * (the CSV import's parser) come from the app's own files only: no blob: or data: workers. Not
 * sent in development, where Vite injects inline scripts for hot reload. Frames: only the two video
 * players a lesson's video block embeds (apps/web/src/features/learning/video-embed.ts).
 */
export function appCsp(storageOrigin: string): string {
  return [
    "default-src 'self'",
    "worker-src 'self'",
    `connect-src 'self' ${storageOrigin}`,
    `img-src 'self' data: ${storageOrigin}`,
    `media-src 'self' ${storageOrigin}`,
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

type Env = {
  Variables: { requestId: string };
  // What @hono/node-server passes (absent under app.request and other Fetch hosts).
  Bindings: { incoming?: { socket?: { remoteAddress?: string } }; outgoing?: ServerResponse };
};

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** The fetch app: usable from @hono/node-server, tests (app.request) or any Fetch host. */
export function createApp(options: AppOptions) {
  const app = new Hono<Env>();
  const csp = appCsp(options.storage.origin);
  const responseHeaders = options.appUrl.startsWith("https:")
    ? { ...SECURITY_HEADERS, "strict-transport-security": "max-age=31536000; includeSubDomains" }
    : SECURITY_HEADERS;
  // The request id and client address of each tRPC request in flight (error lines, activity log).
  const requestIds = new WeakMap<Request, string>();
  const clientAddresses = new WeakMap<Request, string>();
  const trpc = createFetchHandler(options, {
    endpoint: "/api/trpc",
    maxBatchSize: options.maxBatchSize ?? 25,
    clientAddress: (req) => clientAddresses.get(req) ?? null,
    onError: ({ path, error, req }) => {
      const cause = error.cause ?? error;
      options.log.error("trpc error", {
        requestId: requestIds.get(req),
        path,
        err: String(cause),
        // drizzle's "Failed query" wraps the database's own error: say what PostgreSQL said.
        cause:
          cause instanceof Error && cause.cause !== undefined ? String(cause.cause) : undefined,
        stack: cause instanceof Error ? cause.stack : undefined,
      });
    },
  });

  // Request id + one structured access-log line per request.
  app.use("*", async (c, next) => {
    // A caller's id is kept only if it looks like one (it ends up in every log line).
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    const started = performance.now();
    await next();
    const headers = { "x-request-id": requestId, ...responseHeaders };
    const outgoing = c.env?.outgoing;
    if (outgoing && !outgoing.headersSent) {
      // On Node, straight onto the outgoing response, which writeHead() merges with the
      // Response's own headers (no response of this app sets these): setting them on the
      // Response's Headers cost ~0.1 ms a request (undici validates and re-sorts on every use),
      // a twelfth of lead.list's CPU.
      for (const [name, value] of Object.entries(headers)) outgoing.setHeader(name, value);
    } else {
      // Set on the response in place: c.header() after next() rebuilds the Response around its
      // body stream, so @hono/node-server pipes a stream instead of writing the string body
      // directly. Headers of some responses (Response.redirect, fetch results) are immutable:
      // rebuild those.
      try {
        for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
      } catch {
        for (const [name, value] of Object.entries(headers)) c.header(name, value);
      }
    }
    options.log.info("request", {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  // Cross-site requests carrying cookies are refused for anything that changes state.
  const refuseCrossSite: MiddlewareHandler<Env> = async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.req.method !== "OPTIONS") {
      const origin = c.req.header("origin");
      const site = c.req.header("sec-fetch-site");
      if ((origin && !options.trustedOrigins.includes(origin)) || site === "cross-site")
        return c.json({ error: "Cross-site request refused" }, 403);
    }
    await next();
  };
  // Stripe's webhook is outside this check BY DESIGN, not by accident: Stripe's servers post it,
  // with no cookies, so there is no session a cross-site page could ride, and the Stripe-Signature
  // over the raw body is its one credential (packages/api/src/webhooks/stripe.ts). An Origin it
  // might carry (a proxy, a replay tool) says nothing about who signed it.
  app.use("/api/*", (c, next) =>
    c.req.path === STRIPE_WEBHOOK_PATH ? next() : refuseCrossSite(c, next),
  );
  app.use("/dev/*", refuseCrossSite);

  // Reads (GET/HEAD) carry no body; checking theirs would make every request build a full
  // Request object on the hot path.
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    // The rest of the body is never read, so the connection cannot carry another request.
    onError: (c) =>
      c.json({ error: "Request body too large (the limit is 1 MB)" }, 413, { connection: "close" }),
  });
  app.use("/api/*", (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next),
  );

  // Deeply nested JSON is refused before anything parses it: JSON.parse, superjson and better-auth
  // walk it recursively, and twenty 1 MB bodies nested 500,000 deep took two workers down to 5
  // requests a second (and /healthz from 5 ms to 1.5 s). The body is scanned as it arrives, and
  // refused at the first level too many, without reading the rest.
  app.use("/api/*", async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") {
      const input = c.req.path.startsWith("/api/trpc/") ? c.req.query("input") : undefined;
      if (input && jsonDepthScanner(MAX_JSON_DEPTH)(new TextEncoder().encode(input)))
        return tooDeep(c);
      return next();
    }
    const type = c.req.header("content-type") ?? "";
    const reader = c.req.raw.body?.getReader();
    if (
      !reader ||
      type.startsWith("multipart/") ||
      type.startsWith("application/x-www-form-urlencoded")
    ) {
      reader?.releaseLock();
      return next();
    }
    const tooDeepSoFar = jsonDepthScanner(MAX_JSON_DEPTH);
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (tooDeepSoFar(value)) {
        void reader.cancel().catch(() => {});
        // The rest of the body is never read, so the connection cannot carry another request.
        c.header("connection", "close");
        return tooDeep(c);
      }
      chunks.push(value);
    }
    // The body is read: what comes after reads this copy of it.
    c.req.raw = new Request(c.req.raw, { body: chunks.length > 0 ? Buffer.concat(chunks) : null });
    return next();
  });

  app.get("/healthz", async (c) => {
    try {
      // An unreachable host would otherwise hang until the driver's connect timeout.
      await Promise.race([
        options.db.execute(sql`select 1`),
        new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000).unref()),
      ]);
      return c.json({ ok: true, database: "up" });
    } catch {
      return c.json({ ok: false, database: "down" }, 503);
    }
  });

  /**
   * The client address is the socket's, or behind a trusted proxy the last x-forwarded-for entry
   * (the one that proxy appended; earlier entries are whatever the client sent): a client cannot
   * choose its own rate-limit key or what the activity log says of it.
   */
  const clientAddressOf = (c: {
    req: { header(name: string): string | undefined };
    env?: Env["Bindings"];
  }) =>
    options.trustProxy
      ? c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim()
      : c.env?.incoming?.socket?.remoteAddress;

  const authRoute = authRouteOf(options.auth);
  app.on(["GET", "POST"], "/api/auth/*", async (c) => {
    // Only better-auth's own endpoints reach it: its rate limiter stores a row for every path it
    // is asked about, so unknown paths grew a table for anyone and long ones failed as a 500.
    if (authRoute(c.req.path.slice("/api/auth".length)) === null)
      return c.json({ error: "Not found" }, 404);
    const headers = new Headers(c.req.raw.headers);
    const address = clientAddressOf(c);
    if (address) headers.set("x-forwarded-for", address);
    else headers.delete("x-forwarded-for");
    const init: RequestInit & { duplex?: "half" } = { method: c.req.method, headers };
    if (c.req.method === "POST") {
      init.body = c.req.raw.body;
      init.duplex = "half";
    }
    return options.auth.handler(new Request(c.req.raw.url, init));
  });

  app.all("/api/trpc/*", (c) => {
    requestIds.set(c.req.raw, c.get("requestId"));
    const address = clientAddressOf(c);
    if (address) clientAddresses.set(c.req.raw, address);
    return trpc(c.req.raw);
  });
  // CSV exports: a download link (cookies, no custom header), checked as the list it exports.
  app.get("/api/export/leads.csv", (c) =>
    leadsCsv(options, c.req.raw, { clientAddress: clientAddressOf(c) ?? null }),
  );
  app.get("/api/export/lead-import-errors.csv", (c) =>
    leadImportErrorsCsv(options, c.req.raw, { clientAddress: clientAddressOf(c) ?? null }),
  );
  // An event's guest list for its hosts: a download link (cookies), checked as eventRsvp.guests.
  app.get("/api/events/:id/guests.csv", (c) =>
    eventGuestsCsv(options, c.req.raw, c.req.param("id"), {
      clientAddress: clientAddressOf(c) ?? null,
    }),
  );
  // A member's certificate as a PDF: a download link (cookies), checked as certificate.get.
  app.get("/api/certificates/:file", (c) =>
    certificatePdf(options, c.req.raw, c.req.param("file"), {
      clientAddress: clientAddressOf(c) ?? null,
    }),
  );
  // An event's .ics: a download link (cookies), checked as calendarFeed.eventIcs.
  app.get("/api/events/:file", (c) =>
    eventIcsFile(options, c.req.raw, c.req.param("file"), {
      clientAddress: clientAddressOf(c) ?? null,
    }),
  );
  // A member's private calendar feed: calendar programs fetch it with no session (the token in
  // the path is the credential).
  app.get("/api/calendar/:file", (c) =>
    calendarFeedFile(options, c.req.param("file"), { clientAddress: clientAddressOf(c) ?? null }),
  );
  // Stripe's events: the /api/* body limit (1 MB; Stripe's events are well under) applies. No rate
  // limit: Stripe sends bursts (a checkout is several events at once) and retries what it is
  // refused for days, and a forged request costs one HMAC before it is refused, writing nothing.
  app.post(STRIPE_WEBHOOK_PATH, (c) =>
    receiveStripeWebhook(
      { db: options.db, clock: options.clock ?? systemClock, stripe: options.stripe ?? null },
      c.req.raw,
    ),
  );
  // Public files (avatars): stable, cacheable URLs for <img> tags, public pages and mail.
  app.get("/api/files/:organizationId/:fileId", (c) =>
    servePublicFile(options, c.req.raw, {
      organizationId: c.req.param("organizationId"),
      fileId: c.req.param("fileId"),
    }),
  );
  app.all("/api/*", (c) => c.json({ error: "Not found" }, 404));

  if (options.devMailbox) {
    const mailbox = options.devMailbox;
    // Dev and test only: the mails the app would have sent, newest first (?to= filters).
    app.get("/dev/mailbox", (c) => {
      const mails = mailbox.list(c.req.query("to"));
      if (c.req.header("accept")?.includes("application/json")) return c.json(mails);
      const rows = mails
        .map(
          (m) =>
            `<article><h2>${escapeHtml(m.subject)}</h2><p>To ${escapeHtml(m.to)} · ${m.sentAt.toISOString()}</p><pre>${escapeHtml(m.text)}</pre>${m.link ? `<p><a href="${escapeHtml(m.link)}">${escapeHtml(m.link)}</a></p>` : ""}</article>`,
        )
        .join("");
      return c.html(
        `<!doctype html><html><head><meta charset="utf-8"><title>Dev mailbox · Guild</title><style>body{font-family:system-ui;max-width:48rem;margin:2rem auto;padding:0 1rem}article{border-bottom:1px solid #ddd;padding:1rem 0}pre{white-space:pre-wrap}</style></head><body><h1>Dev mailbox</h1>${rows || "<p>No mail yet.</p>"}</body></html>`,
      );
    });
  }

  if (options.devClock) {
    const clock = options.devClock;
    const advanceBody = z.object({
      advanceMs: z
        .number()
        .int()
        .min(1)
        .max(366 * 86_400_000),
    });
    const state = () => ({ now: clock.now().toISOString(), offsetMs: clock.offsetMs() });
    // Dev and test only: read the app's clock, or move it (and every queued job) forward.
    app.get("/dev/clock", (c) => c.json(state()));
    app.post("/dev/clock", async (c) => {
      const parsed = advanceBody.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success)
        return c.json({ error: 'Send {"advanceMs": <milliseconds, at most a year>}' }, 400);
      await clock.advance(parsed.data.advanceMs);
      return c.json(state());
    });
  }

  if (options.staticDir) {
    const root = options.staticDir;
    const staticFile = createStaticFiles(root);
    const shellFor = createShells(root, () => staticFile("index.html"));
    const send = async (
      c: { req: { header(name: string): string | undefined } },
      relativePath: string,
      cacheControl: string,
      found?: StaticFile | null,
    ) => {
      const file = found === undefined ? await staticFile(relativePath) : found;
      if (!file) return null;
      const { body, encoding } = negotiate(file, c.req.header("accept-encoding"));
      const headers: Record<string, string> = {
        "content-type": contentTypes[extname(relativePath)] ?? "application/octet-stream",
        "cache-control": cacheControl,
      };
      if (file.br || file.gzip) headers.vary = "accept-encoding";
      if (headers["content-type"]?.startsWith("text/html"))
        headers["content-security-policy"] = csp;
      if (encoding) headers["content-encoding"] = encoding;
      return { body, headers };
    };
    app.get("*", async (c) => {
      const path = normalize(c.req.path).replace(/^(\.\.[/\\])+/, "");
      // Source maps stay on the server's disk (the build writes them "hidden").
      if (extname(path) === ".map") return c.text("Not found", 404);
      if (extname(path) && join(root, path).startsWith(root)) {
        const found = await send(
          c,
          path,
          path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
        );
        return found ? c.body(found.body, 200, found.headers) : c.text("Not found", 404);
      }
      // Client-side routes all get the SPA shell.
      // With the links to the files of the screen at this address (route-preloads.ts).
      const cookie = c.req.header("cookie");
      let file = await shellFor(path, cookie);
      let cacheControl = "no-cache";
      // And for a signed-in visitor, the first screen's first answers (first-load.ts).
      if (file && SESSION_COOKIE.test(cookie ?? "")) {
        const state = await firstLoad(
          options,
          { headers: c.req.raw.headers, clientAddress: clientAddressOf(c) ?? null },
          firstLoadPage(new URL(c.req.url)),
        ).catch((error: unknown) => {
          // The app asks for them itself, and says what went wrong where it shows them.
          options.log.warn("first load answers failed", {
            requestId: c.get("requestId"),
            error: error instanceof Error ? error.message : String(error),
          });
          return null;
        });
        if (state) {
          file = shellWithFirstLoad(file, state);
          cacheControl = FIRST_LOAD_CACHE_CONTROL;
        }
      }
      const shell = await send(c, "index.html", cacheControl, file);
      if (!shell) return c.text("Not found", 404);
      // Whether it holds answers, and whose, depends on the cookie.
      shell.headers.vary = shell.headers.vary ? `${shell.headers.vary}, cookie` : "cookie";
      return c.body(shell.body, 200, shell.headers);
    });
  }

  return app;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
