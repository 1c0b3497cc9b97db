// Guild's API served from plain node:http: no framework, just the packages.
//
// This is what any new host (a worker, a CLI, another framework) does: create a database, create
// auth, create the tRPC fetch handler, and translate between its own request type and the Fetch
// API's Request/Response.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { createDeps, createFetchHandler } from "@guild/api";
import { migrate } from "@guild/db/migrate";
import type { StorageConfig } from "@guild/storage";

export interface ExampleServerOptions {
  databaseUrl: string;
  /** 0 picks a free port. */
  port: number;
  /** Signs sessions; a random one (sessions end with the process) when not given. */
  secret?: string;
  /** The S3 bucket for files. */
  storage: StorageConfig;
}

const MAX_BODY_BYTES = 1_000_000;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** node:http request → Fetch Request. The client address comes from the socket, not a header. */
async function toFetchRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else for (const item of value ?? []) headers.append(name, item);
  }
  // @guild/auth keys its rate limits on x-forwarded-for; without a trusted proxy in front, the
  // socket address is the only client address a caller cannot choose.
  headers.set("x-forwarded-for", req.socket.remoteAddress ?? "unknown");
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
  return new Request(new URL(req.url ?? "/", origin), { method, headers, body });
}

/** Fetch Response → node:http response, streaming the body and keeping every Set-Cookie. */
async function sendFetchResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (!response.body) {
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(response.body ?? new ReadableStream())
      .on("error", reject)
      .pipe(res)
      .on("finish", resolve)
      .on("error", reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function createExampleServer(options: ExampleServerOptions) {
  await migrate(options.databaseUrl);

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("server is not listening on TCP");
  const url = `http://127.0.0.1:${address.port}`;

  // The same wiring the server uses: database, auth, mail through jobs, the clock.
  const deps = createDeps({
    databaseUrl: options.databaseUrl,
    authSecret: options.secret ?? randomBytes(32).toString("hex"),
    baseUrl: url,
    mailFrom: "Guild example <example@guild.local>",
    storage: options.storage,
  });
  const jobs = await deps.startJobs();
  const { auth } = deps;
  const trpc = createFetchHandler(deps.api, {
    endpoint: "/api/trpc",
    clientAddress: (req) => req.headers.get("x-forwarded-for"),
  });

  server.on("request", async (req, res) => {
    try {
      const path = new URL(req.url ?? "/", url).pathname;
      const origin = req.headers.origin;
      // Cookies ride along on cross-site requests: only this site may change state.
      if (req.method !== "GET" && req.method !== "HEAD" && origin && origin !== url) {
        json(res, 403, { error: "Cross-site request refused" });
        return;
      }
      let handler: ((request: Request) => Promise<Response>) | null = null;
      if (path.startsWith("/api/auth/")) handler = auth.handler;
      else if (path.startsWith("/api/trpc/")) handler = trpc;
      if (!handler) {
        json(res, 404, { error: "Not found" });
        return;
      }
      await sendFetchResponse(await handler(await toFetchRequest(req, url)), res);
    } catch (error) {
      if (error instanceof BodyTooLarge) json(res, 413, { error: "Request body too large" });
      else if (!res.headersSent) json(res, 500, { error: "Internal error" });
      else res.destroy();
    }
  });

  return {
    url,
    mailer: deps.mailer,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await jobs.stop();
      await deps.close();
    },
  };
}
