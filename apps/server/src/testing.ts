// HTTP test support: a real server on a free port, a cookie-keeping client that behaves like a
// browser tab, the dev mailbox, and RFC 6238 codes for the two-factor tests.
import { Agent, request as httpRequest, type IncomingMessage } from "node:http";
import { createTestDatabase } from "@guild/db/testing";
import { createTestBucket } from "@guild/storage/testing";
import { inject } from "vitest";
import { z } from "zod";
import type { ServerEnv } from "./env.ts";
import { type StartOptions, startServer } from "./server.ts";

declare module "vitest" {
  // Provided by the root globalSetup (packages/db/src/testing-global-setup.ts).
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export const TEST_PASSWORD = "correct-horse-battery";

const baseEnv: ServerEnv = {
  NODE_ENV: "test",
  PORT: 3000,
  HOST: "127.0.0.1",
  EMBEDDED_PG_PORT: 0,
  WORKER_RESTART_DELAY_MS: 1000,
  AUTH_SECRET: "test-secret-that-is-long-enough-0123456789",
  MAIL_FROM: "Guild <test@guild.local>",
  TRUST_PROXY: false,
  LOG_LEVEL: "silent",
  GUILD_DISABLE_RATE_LIMIT: false,
  GUILD_TEST_CLOCK: false,
  S3_BUCKET: "guild",
  S3_REGION: "us-east-1",
  S3_FORCE_PATH_STYLE: true,
  EMBEDDED_S3_PORT: 0,
  DATABASE_STATEMENT_TIMEOUT_MS: 30_000,
  STRIPE_STAND_IN_PORT: 0,
  STRIPE_STAND_IN_CLOCKS: "shared",
  LLM_TIMEOUT_MS: 30_000,
  LLM_STAND_IN_PORT: 0,
  LLM_STAND_IN_TOKEN_DELAY_MS: 1,
};

/** A bucket of its own on the test run's S3 server, as the env a server reads it from. */
export async function testStorageEnv(): Promise<Partial<ServerEnv>> {
  const bucket = await createTestBucket(inject("s3Url"));
  await bucket.close();
  const { config } = bucket;
  return {
    S3_URL: config.endpoint,
    S3_BUCKET: config.bucket,
    S3_REGION: config.region,
    S3_ACCESS_KEY_ID: config.accessKeyId,
    S3_SECRET_ACCESS_KEY: config.secretAccessKey,
  };
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/**
 * A real server (node:http + the whole app) on a free port, against `databaseUrl`, with a bucket
 * of its own on the run's S3 server (unless env names one).
 */
export async function startTestServer(
  databaseUrl: string,
  env: Partial<ServerEnv> = {},
  options: Pick<StartOptions, "staticDir" | "vite" | "port" | "logSink"> = {},
): Promise<TestServer> {
  const storage = env.S3_URL ? {} : await testStorageEnv();
  return startServer({
    env: { ...baseEnv, ...storage, ...env, DATABASE_URL: databaseUrl },
    port: 0,
    ...options,
  });
}

/** Its own database copy and one server on it; `close` stops both. */
export async function createServerFixture(adminUrl: string, env: Partial<ServerEnv> = {}) {
  const database = await createTestDatabase(adminUrl);
  const server = await startTestServer(database.url, env);
  return {
    database,
    server,
    async close() {
      await server.close();
      await database.drop();
    },
  };
}

interface RequestOptions {
  method?: string;
  /** Sent as a JSON body (POST unless `method` says otherwise). */
  json?: unknown;
  /** A raw body, sent as is. */
  body?: string;
  headers?: Record<string, string>;
}

/**
 * One browser tab: keeps cookies, sends the page's Origin on state-changing requests (as
 * browsers do), never follows redirects (tests look at them), and, when the server trusts a
 * proxy, comes from its own address so rate limits of different tests don't collide.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();

  readonly baseUrl: string;
  private readonly options: { origin?: string | null; ip?: string };

  constructor(baseUrl: string, options: { origin?: string | null; ip?: string } = {}) {
    this.baseUrl = baseUrl;
    this.options = options;
  }

  /** Takes over another tab's cookies, e.g. to reach the same server restarted on another port. */
  adoptCookies(from: Browser): void {
    for (const [name, value] of from.cookies) this.cookies.set(name, value);
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  hasCookie(prefix: string): boolean {
    return [...this.cookies.keys()].some((name) => name.includes(prefix));
  }

  async request(path: string, options: RequestOptions = {}): Promise<Response> {
    const headers = new Headers(options.headers);
    let body = options.body;
    if (options.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(options.json);
    }
    const method = options.method ?? (body === undefined ? "GET" : "POST");
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader);
    const origin = this.options.origin === undefined ? this.baseUrl : this.options.origin;
    if (method !== "GET" && origin !== null && !headers.has("origin"))
      headers.set("origin", origin);
    if (this.options.ip) headers.set("x-forwarded-for", this.options.ip);
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body,
      redirect: "manual",
    });
    this.keepCookies(response);
    return response;
  }

  post(path: string, json: unknown, headers?: Record<string, string>): Promise<Response> {
    return this.request(path, { json, ...(headers ? { headers } : {}) });
  }

  private keepCookies(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=(0|-\d+)\s*$/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export async function readJson<T extends z.ZodType>(
  response: Response,
  schema: T,
): Promise<z.infer<T>> {
  const text = await response.text();
  try {
    return schema.parse(JSON.parse(text));
  } catch (error) {
    throw new Error(`Unexpected ${response.status} response: ${text.slice(0, 500)}`, {
      cause: error,
    });
  }
}

const mailSchema = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  link: z.string().optional(),
});
export type ReceivedMail = z.infer<typeof mailSchema>;

/** The dev mailbox of `baseUrl`, newest first, as a new user reads it. */
async function readMailbox(baseUrl: string, address: string): Promise<ReceivedMail[]> {
  const url = new URL("/dev/mailbox", baseUrl);
  url.searchParams.set("to", address);
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`mailbox answered ${response.status}`);
  return readJson(response, z.array(mailSchema));
}

/**
 * The mails to `address`, newest first, once at least `count` have arrived: mail goes out
 * through a job a moment after the request that asked for it (up to 10 s).
 */
export async function mailsTo(
  baseUrl: string,
  address: string,
  count = 1,
): Promise<ReceivedMail[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mails = await readMailbox(baseUrl, address);
    if (mails.length >= count || Date.now() > deadline) return mails;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The link of the newest mail to `address` whose subject matches (waiting for it to arrive). */
export async function linkInMail(
  baseUrl: string,
  address: string,
  subject: RegExp,
): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mail = (await readMailbox(baseUrl, address)).find((m) => subject.test(m.subject));
    if (mail?.link) return mail.link;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${subject}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let counter = 0;
/** A unique address for a test user. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}-${Date.now().toString(36)}@test.example`;
}

/** A unique client address (TEST-NET-3) so each test owns its rate-limit budget. */
export function uniqueIp(): string {
  counter += 1;
  return `203.0.113.${(counter % 250) + 1}`;
}

const sessionSchema = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string(),
      emailVerified: z.boolean(),
      twoFactorEnabled: z.boolean().nullish(),
    }),
    session: z.object({ id: z.string(), token: z.string() }),
  })
  .nullable();

/** What /api/auth/get-session says about this browser's cookie (null: signed out). */
export async function currentSession(browser: Browser) {
  return readJson(await browser.request("/api/auth/get-session"), sessionSchema);
}

/** Signs up through HTTP and opens the verification link: the browser ends up signed in. */
export async function signUpAndVerify(browser: Browser, email: string, password = TEST_PASSWORD) {
  const signUp = await browser.post("/api/auth/sign-up/email", {
    name: "Test User",
    email,
    password,
  });
  if (!signUp.ok) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const link = await linkInMail(browser.baseUrl, email, /verify your email/i);
  const opened = await browser.request(link);
  if (opened.status >= 400) throw new Error(`verification failed: ${opened.status}`);
  const session = await currentSession(browser);
  if (!session) throw new Error("verification did not sign the user in");
  return session;
}

export function signIn(browser: Browser, email: string, password = TEST_PASSWORD) {
  return browser.post("/api/auth/sign-in/email", { email, password });
}

/**
 * Signs up through HTTP, marks the email verified straight in the database (no mail round trip,
 * for tests about something else) and signs in: the sign-in's response.
 */
export async function signUpVerified(
  browser: Browser,
  database: Pick<Awaited<ReturnType<typeof createTestDatabase>>, "sql">,
  { name, email, password }: { name: string; email: string; password: string },
) {
  await browser.post("/api/auth/sign-up/email", { name, email, password });
  await database.sql`update "user" set email_verified = true where email = ${email}`;
  return signIn(browser, email, password);
}

// What an authenticator app shows, for the two-factor tests.
export { totpCode } from "@guild/auth/testing";

/**
 * A slow client: headers and the first bytes of a JSON body sent, the rest held back until
 * `finish()`. Resolves once the server has taken the request in (`expect: 100-continue`), so a
 * test can stop the server mid-request without guessing with timers. Keeps its connection alive,
 * like browsers and load balancers.
 */
export async function startSlowPost(baseUrl: string, path: string, tab: Browser, payload: unknown) {
  const body = JSON.stringify(payload);
  const req = httpRequest(new URL(path, baseUrl), {
    method: "POST",
    agent: new Agent({ keepAlive: true }),
    headers: {
      cookie: tab.cookieHeader,
      origin: baseUrl,
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
      expect: "100-continue",
    },
  });
  let answered = false;
  const response = new Promise<{ status: number; text: string; connection?: string }>(
    (resolve, reject) => {
      req.on("error", reject);
      req.on("response", (res: IncomingMessage) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => {
          answered = true;
          resolve({ status: res.statusCode ?? 0, text, connection: res.headers.connection });
        });
      });
    },
  );
  await new Promise<void>((resolve) => req.once("continue", () => resolve()));
  req.write(body.slice(0, 10));
  return {
    answered: () => answered,
    finish() {
      req.end(body.slice(10));
      return response;
    },
  };
}

/** One server-sent event as EventSource would dispatch it. */
export interface ServerSentEvent {
  event?: string;
  data?: string;
  id?: string;
}

/**
 * The events of a text/event-stream response as they arrive, parsed by EventSource's rules (a
 * blank line dispatches; `data:` lines join with newlines; comment lines are skipped).
 */
export async function* readServerSentEvents(response: Response): AsyncGenerator<ServerSentEvent> {
  if (!response.body) throw new Error("no body");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let message: ServerSentEvent = {};
  let fields = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const line = buffer.slice(0, nl).replace(/\r$/, "");
        buffer = buffer.slice(nl + 1);
        if (line === "") {
          if (fields > 0) yield message;
          message = {};
          fields = 0;
          continue;
        }
        const colon = line.indexOf(":");
        if (colon === 0) continue;
        const field = colon > 0 ? line.slice(0, colon) : line;
        const raw = colon > 0 ? line.slice(colon + 1) : "";
        const value = raw.startsWith(" ") ? raw.slice(1) : raw;
        if (field === "data")
          message.data = message.data === undefined ? value : `${message.data}\n${value}`;
        else if (field === "event" || field === "id") message[field] = value;
        fields++;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

const streamEnvelope = z.object({ json: z.unknown() });

/**
 * An organization's event stream (realtime.events) over plain HTTP, as a browser's EventSource
 * opens it: a GET with the cookie, the organization in connectionParams, and optionally where to
 * resume (the Last-Event-ID header EventSource sends itself, or the input the tRPC link sends).
 * `next()` skips pings and returns the next message; `close()` drops the connection.
 */
export function openEventStream(
  baseUrl: string,
  tab: Browser,
  slug: string,
  resume: { header?: string; input?: string } = {},
) {
  const input = resume.input === undefined ? {} : { lastEventId: resume.input };
  return openSubscription(
    baseUrl,
    tab,
    slug,
    "realtime.events",
    input,
    resume.header ? { "last-event-id": resume.header } : {},
  );
}

/**
 * Any organization subscription over plain HTTP (server-sent events), as the web's tRPC link
 * opens it: `path` with `input`, the organization in connectionParams.
 */
export async function openSubscription(
  baseUrl: string,
  tab: Browser,
  slug: string,
  path: string,
  input: unknown,
  extraHeaders: Record<string, string> = {},
) {
  const url = new URL(`/api/trpc/${path}`, baseUrl);
  url.searchParams.set("input", JSON.stringify({ json: input }));
  url.searchParams.set("connectionParams", JSON.stringify({ org: slug }));
  const abort = new AbortController();
  const headers: Record<string, string> = {
    accept: "text/event-stream",
    cookie: tab.cookieHeader,
    ...extraHeaders,
  };
  const response = await fetch(url, { headers, signal: abort.signal });
  const events = readServerSentEvents(response);
  return {
    response,
    /** The next message that is not a ping, with its data unwrapped from the transformer. */
    async next(ms = 5_000): Promise<{ event?: string; id?: string; data: unknown } | "ended"> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no message within ${ms} ms`)), ms);
      });
      try {
        for (;;) {
          const next = await Promise.race([events.next(), timeout]);
          if (next.done) return "ended";
          const message = next.value;
          if (message.event === "ping") continue;
          const parsed: unknown = message.data ? JSON.parse(message.data) : null;
          const unwrapped = streamEnvelope.safeParse(parsed);
          return {
            ...(message.event ? { event: message.event } : {}),
            ...(message.id ? { id: message.id } : {}),
            data: unwrapped.success ? unwrapped.data.json : parsed,
          };
        }
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      abort.abort();
    },
  };
}

/** A tRPC answer's envelope over HTTP (superjson: the value under result.data.json). */
export const trpcEnvelope = z.object({
  result: z.object({ data: z.object({ json: z.unknown() }) }),
});

/** A tRPC query's GET path: the input as `?input=` + the URL-encoded `{"json": input}`. */
export const trpcQueryPath = (path: string, input: unknown) =>
  input === undefined
    ? `/api/trpc/${path}`
    : `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

/**
 * Calls a procedure over HTTP as `tab` in the organization `headers` name (x-guild-org), and
 * reads its answer's value by `shape`: a GET for a query, a POST for a mutation.
 */
export async function callProcedure<T extends z.ZodType>(
  tab: Browser,
  headers: Record<string, string>,
  path: string,
  input: unknown,
  shape: T,
  kind: "query" | "mutation" = "mutation",
): Promise<z.infer<T>> {
  const response =
    kind === "query"
      ? await tab.request(trpcQueryPath(path, input), { headers })
      : await tab.post(`/api/trpc/${path}`, { json: input }, headers);
  return shape.parse((await readJson(response, trpcEnvelope)).result.data.json);
}
