import { randomUUID } from "node:crypto";
import { extname, join, normalize } from "node:path";
import { type ApiDeps, createFetchHandler } from "@guild/api";
import type { Auth, DevMailbox } from "@guild/auth";
import { type Database, sql } from "@guild/db";
import { Hono } from "hono";
import type { Logger } from "./log";
import { createStaticFiles, negotiate } from "./static-files";

export interface AppOptions extends ApiDeps {
  db: Database;
  auth: Auth;
  log: Logger;
  /** Origins allowed to send cookie-bearing, state-changing requests. */
  trustedOrigins: string[];
  /** Trust x-forwarded-for from a proxy; otherwise the socket address is the client. */
  trustProxy: boolean;
  /** Built SPA to serve (production). */
  staticDir?: string | undefined;
  /** Dev mailbox to expose at /dev/mailbox (never in production). */
  devMailbox?: DevMailbox | null | undefined;
  maxBatchSize?: number;
}

type Env = {
  Variables: { requestId: string };
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
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
  const trpc = createFetchHandler(options, {
    endpoint: "/api/trpc",
    maxBatchSize: options.maxBatchSize ?? 25,
    onError: ({ path, error }) =>
      options.log.error("trpc error", { path, err: String(error.cause ?? error) }),
  });

  // Request id + one structured access-log line per request.
  app.use("*", async (c, next) => {
    // A caller's id is kept only if it looks like one (it ends up in every log line).
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    const started = performance.now();
    await next();
    // Set on the response in place: c.header() after next() rebuilds the Response around its body
    // stream, so @hono/node-server pipes a stream instead of writing the string body directly.
    // Headers of some responses (Response.redirect, fetch results) are immutable: rebuild those.
    try {
      c.res.headers.set("x-request-id", requestId);
    } catch {
      c.header("x-request-id", requestId);
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
  app.use("/api/*", async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.req.method !== "OPTIONS") {
      const origin = c.req.header("origin");
      const site = c.req.header("sec-fetch-site");
      if ((origin && !options.trustedOrigins.includes(origin)) || site === "cross-site")
        return c.json({ error: "Cross-site request refused" }, 403);
    }
    await next();
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

  app.on(["GET", "POST"], "/api/auth/*", (c) => {
    // The client address is the socket's unless a trusted proxy says otherwise: a client
    // cannot choose its own rate-limit key by sending x-forwarded-for.
    const headers = new Headers(c.req.raw.headers);
    if (!options.trustProxy) {
      const address = c.env?.incoming?.socket?.remoteAddress;
      if (address) headers.set("x-forwarded-for", address);
      else headers.delete("x-forwarded-for");
    }
    const init: RequestInit & { duplex?: "half" } = { method: c.req.method, headers };
    if (c.req.method === "POST") {
      init.body = c.req.raw.body;
      init.duplex = "half";
    }
    return options.auth.handler(new Request(c.req.raw.url, init));
  });

  app.all("/api/trpc/*", (c) => trpc(c.req.raw));
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

  if (options.staticDir) {
    const root = options.staticDir;
    const staticFile = createStaticFiles(root);
    const send = async (
      c: { req: { header(name: string): string | undefined } },
      relativePath: string,
      cacheControl: string,
    ) => {
      const file = await staticFile(relativePath);
      if (!file) return null;
      const { body, encoding } = negotiate(file, c.req.header("accept-encoding"));
      const headers: Record<string, string> = {
        "content-type": contentTypes[extname(relativePath)] ?? "application/octet-stream",
        "cache-control": cacheControl,
      };
      if (file.br || file.gzip) headers.vary = "accept-encoding";
      if (encoding) headers["content-encoding"] = encoding;
      return { body, headers };
    };
    app.get("*", async (c) => {
      const path = normalize(c.req.path).replace(/^(\.\.[/\\])+/, "");
      if (extname(path) && join(root, path).startsWith(root)) {
        const found = await send(
          c,
          path,
          path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
        );
        return found ? c.body(found.body, 200, found.headers) : c.text("Not found", 404);
      }
      // Client-side routes all get the SPA shell.
      const shell = await send(c, "index.html", "no-cache");
      if (!shell) return c.text("Not found", 404);
      return c.body(shell.body, 200, shell.headers);
    });
  }

  return app;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
