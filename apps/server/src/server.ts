import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import {
  createServer,
  type Server as HttpServer,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type AiSettings,
  advanceJobClock,
  connectDemoTiersToStandIn,
  createDeps,
  type Deps,
  type JobRunner,
  pushCatalogToStripe,
  STRIPE_WEBHOOK_PATH,
  type StripeSettings,
} from "@guild/api";
import {
  createDb,
  createTestClock,
  eq,
  isLocalDatabase,
  organization,
  redactPassword,
  user,
} from "@guild/db";
import {
  DEV_DATABASE,
  type EmbeddedDatabase,
  ensureDatabase,
  startEmbeddedPostgres,
} from "@guild/db/embedded";
import { migrate } from "@guild/db/migrate";
import { DEMO_ORG_SLUG, DEMO_PASSWORD, demoUsers, seedDemo } from "@guild/db/seed";
import type { ModelStandIn } from "@guild/model-stand-in";
import { S3RVER_CREDENTIALS, type StorageConfig } from "@guild/storage";
import type { EmbeddedS3 } from "@guild/storage/embedded";
import type { StripeStandIn } from "@guild/stripe-stand-in";
import { getRequestListener } from "@hono/node-server";
import { createApp } from "./app.ts";
import type { ServerEnv } from "./env.ts";
import { createLogger, type Logger, type LogSink } from "./log.ts";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
/** GUILD_DATA_DIR (relative to the repository root) or .data. */
const dataDirOf = (env: ServerEnv) => resolve(repoRoot, env.GUILD_DATA_DIR ?? ".data");
const webDir = join(repoRoot, "apps/web");
/** How long shutdown waits for in-flight requests before it cuts their connections. */
const DRAIN_TIMEOUT_MS = 10_000;
const DEV_DRAIN_TIMEOUT_MS = 2_000;

async function devSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, "auth-secret");
  const existing = await readFile(file, "utf8").catch(() => null);
  if (existing && existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString("hex");
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/** Embedded PostgreSQL with its data in .data/postgres (GUILD_DATA_DIR), kept across restarts. */
export async function startDevDatabase(
  env: ServerEnv,
  log: (line: string) => void,
): Promise<{ url: string; pg: EmbeddedDatabase }> {
  const dataDir = dataDirOf(env);
  const pg = await startEmbeddedPostgres({
    dataDir: join(dataDir, "postgres"),
    ...(env.EMBEDDED_PG_PORT ? { port: env.EMBEDDED_PG_PORT } : {}),
    persistent: true,
    log,
    // The server stops it itself, after the last in-flight request (graceful shutdown).
    exitHooks: false,
  });
  try {
    await ensureDatabase(pg.url);
  } catch (error) {
    await pg.stop().catch(() => {});
    throw error;
  }
  return { url: pg.urlFor(DEV_DATABASE), pg };
}

/** The auth secret: AUTH_SECRET, else a random one kept in .data/auth-secret across restarts. */
export async function resolveAuthSecret(env: ServerEnv): Promise<string> {
  return env.AUTH_SECRET ?? (await devSecret(dataDirOf(env)));
}

/**
 * The database the server runs on, ready to serve: DATABASE_URL, or embedded PostgreSQL when it
 * is unset; migrated; the demo organization seeded once outside production, on the embedded
 * database or a local one (docker compose, tests). Never in production, whatever database it
 * runs on (its logins have a published password), and never on a remote database. Runs once per
 * deployment, not per worker.
 */
export async function prepareDatabase(env: ServerEnv, log: Logger) {
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const started = await startDevDatabase(env, (line) => log.debug("postgres", { line }));
    embedded = started.pg;
    databaseUrl = started.url;
  }
  try {
    await migrate(databaseUrl);
    const demo =
      env.NODE_ENV !== "production" && (embedded !== null || isLocalDatabase(databaseUrl));
    const { db, sql } = createDb(databaseUrl, { max: 1 });
    try {
      // Made by this run (an older demo topped up with what it lacked is not "seeded").
      const seeded = demo ? (await seedDemo(db)).created : false;
      // No account yet: the banner says how to make the first one.
      const [anyone] = await db.select({ id: user.id }).from(user).limit(1);
      return { databaseUrl, embedded, seeded, demo, noAccounts: anyone === undefined };
    } finally {
      await sql.end({ timeout: 5 });
    }
  } catch (error) {
    // Nothing else will stop it: a failed start must not leave PostgreSQL running.
    await embedded?.stop().catch(() => {});
    throw error;
  }
}

/**
 * The origins the embedded S3 server lets browsers upload from (its bucket's CORS): the app's
 * public origin and trusted ones, and outside production localhost and 127.0.0.1 on the app's
 * port (any port while it is not known yet, e.g. PORT=0 in tests).
 */
export function uploadOrigins(env: ServerEnv, port: number): string[] {
  const local = port === 0 ? "*" : String(port);
  return [
    ...new Set([
      env.BASE_URL ? new URL(env.BASE_URL).origin : `http://localhost:${local}`,
      ...(env.NODE_ENV !== "production"
        ? [`http://localhost:${local}`, `http://127.0.0.1:${local}`]
        : []),
      ...(env.TRUSTED_ORIGINS?.split(",")
        .map((o) => o.trim())
        .filter(Boolean) ?? []),
    ]),
  ];
}

/**
 * Where files go: S3_URL and its keys, or, when it is unset, an embedded S3 server (s3rver) with
 * its data in GUILD_DATA_DIR/s3, kept across restarts, and its bucket's CORS set for the app's
 * origins. Runs once per deployment, like prepareDatabase. A real store's bucket and CORS are an
 * operations step (README, "Files"): the app never changes them.
 */
export async function prepareStorage(
  env: ServerEnv,
  log: Logger,
  port: number,
): Promise<{ config: StorageConfig; embedded: EmbeddedS3 | null }> {
  const shared = { bucket: env.S3_BUCKET, region: env.S3_REGION };
  if (env.S3_URL) {
    if (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY)
      throw new Error("S3_URL needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY");
    return {
      config: {
        ...shared,
        endpoint: env.S3_URL,
        accessKeyId: env.S3_ACCESS_KEY_ID,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
      },
      embedded: null,
    };
  }
  // Loaded only here: cluster workers and deployments with S3_URL never import s3rver.
  const { startEmbeddedS3 } = await import("@guild/storage/embedded");
  const embedded = await startEmbeddedS3({
    directory: join(dataDirOf(env), "s3"),
    port: env.EMBEDDED_S3_PORT,
    buckets: [env.S3_BUCKET],
    origins: uploadOrigins(env, port),
  });
  if (env.NODE_ENV === "production")
    log.warn(
      "production on the embedded S3 server: files are kept in GUILD_DATA_DIR/s3 and browsers can only upload from this machine; set S3_URL (README, Files)",
    );
  return {
    config: { ...shared, endpoint: embedded.url, ...S3RVER_CREDENTIALS, forcePathStyle: true },
    embedded,
  };
}

/** The environment a cluster worker needs to use the storage the primary prepared. */
export function storageEnv(config: StorageConfig): Record<string, string> {
  return {
    S3_URL: config.endpoint,
    S3_BUCKET: config.bucket,
    S3_REGION: config.region,
    S3_ACCESS_KEY_ID: config.accessKeyId,
    S3_SECRET_ACCESS_KEY: config.secretAccessKey,
    S3_FORCE_PATH_STYLE: String(config.forcePathStyle),
  };
}

/** `pnpm dev`'s stand-in port (its CLI's default too), so its hosted pages' URLs stay put. */
export const DEV_STAND_IN_PORT = 12111;

/** Any test key: the stand-in accepts every sk_test_… key. */
export const STAND_IN_SECRET_KEY = "sk_test_guild_local_stand_in";

/**
 * Billing's Stripe: STRIPE_SECRET_KEY and its webhook secrets (Stripe itself), or, without a key
 * and outside production, a local Stripe stand-in on STRIPE_STAND_IN_PORT (0 in tests), which
 * delivers its signed events to this server's /api/webhooks/stripe with a secret generated for
 * the run. In development on its fixed port its state is kept in GUILD_DATA_DIR, so the ids in
 * the database still resolve after a restart. Without a key, production has no billing, and neither has a cluster
 * worker: each worker would run a stand-in of its own signing with its own secret, and its
 * deliveries would reach whichever worker the port hands them to.
 */
export async function prepareStripe(
  env: ServerEnv,
  log: Logger,
  appPort: number,
): Promise<{ settings: StripeSettings | null; standIn: StripeStandIn | null }> {
  if (env.STRIPE_SECRET_KEY) {
    if (!env.STRIPE_WEBHOOK_SECRET)
      throw new Error("STRIPE_SECRET_KEY needs STRIPE_WEBHOOK_SECRET");
    return {
      settings: {
        secretKey: env.STRIPE_SECRET_KEY,
        webhookSecret: env.STRIPE_WEBHOOK_SECRET,
        connectWebhookSecret: env.STRIPE_CONNECT_WEBHOOK_SECRET,
      },
      standIn: null,
    };
  }
  if (env.NODE_ENV === "production" || cluster.worker) {
    if (env.NODE_ENV === "production")
      log.warn("no STRIPE_SECRET_KEY: billing is off (README, Billing)");
    return { settings: null, standIn: null };
  }
  // Loaded only here: production never imports the stand-in.
  const { startStripeStandIn } = await import("@guild/stripe-stand-in");
  const port = env.STRIPE_STAND_IN_PORT ?? (env.NODE_ENV === "development" ? DEV_STAND_IN_PORT : 0);
  const appHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
  const standIn = await startStripeStandIn({
    port,
    clockPerCustomer: env.STRIPE_STAND_IN_CLOCKS === "per-customer",
    webhookUrl: `http://${appHost}:${appPort}${STRIPE_WEBHOOK_PATH}`,
    // Kept only for `pnpm dev`'s stand-in on its fixed port: one on a port picked for the run
    // (tests) is that run's own, and must not touch the developer's state.
    ...(env.NODE_ENV === "development" && port !== 0
      ? { stateFile: join(dataDirOf(env), "stripe-stand-in.json") }
      : {}),
  });
  return {
    settings: {
      secretKey: STAND_IN_SECRET_KEY,
      webhookSecret: standIn.webhookSecret,
      standIn: standIn.stripeConfig,
    },
    standIn,
  };
}

/** `pnpm dev`'s model stand-in port (its CLI's default too). */
export const DEV_MODEL_STAND_IN_PORT = 12112;

/**
 * The language model: LLM_BASE_URL (with LLM_MODEL, and LLM_API_KEY if the provider wants one),
 * or LLM_API_KEY alone (OpenAI's API); without either and outside production, a local model
 * stand-in on LLM_STAND_IN_PORT (0 in tests). Production without them has no AI, and neither has
 * a cluster worker (the primary runs no stand-in for it; only production runs workers).
 */
export async function prepareAi(
  env: ServerEnv,
  log: Logger,
): Promise<{ settings: AiSettings | null; standIn: ModelStandIn | null }> {
  const timeouts = { idleTimeoutMs: env.LLM_TIMEOUT_MS };
  if (env.LLM_BASE_URL || env.LLM_API_KEY)
    return {
      settings: {
        baseUrl: env.LLM_BASE_URL ?? "https://api.openai.com/v1",
        apiKey: env.LLM_API_KEY,
        model: env.LLM_MODEL ?? "gpt-4o-mini",
        isStandIn: false,
        ...timeouts,
      },
      standIn: null,
    };
  if (env.NODE_ENV === "production" || cluster.worker) {
    if (env.NODE_ENV === "production")
      log.warn("no LLM_BASE_URL or LLM_API_KEY: AI features are off (README, AI)");
    return { settings: null, standIn: null };
  }
  // Loaded only here: production never imports the stand-in.
  const { startModelStandIn } = await import("@guild/model-stand-in");
  const standIn = await startModelStandIn({
    port: env.LLM_STAND_IN_PORT ?? (env.NODE_ENV === "development" ? DEV_MODEL_STAND_IN_PORT : 0),
    tokenDelayMs: env.LLM_STAND_IN_TOKEN_DELAY_MS,
  });
  return {
    settings: { baseUrl: standIn.baseURL, model: standIn.model, isStandIn: true, ...timeouts },
    standIn,
  };
}

/** The banner's line about the model. */
function describeAi(settings: AiSettings | null, standIn: ModelStandIn | null): string {
  if (standIn) return `local stand-in model at ${standIn.baseURL}`;
  if (!settings) return "off (no LLM_BASE_URL or LLM_API_KEY)";
  return `${settings.model} at ${settings.baseUrl}`;
}

/** The banner's line about billing. */
function describeStripe(settings: StripeSettings | null, standIn: StripeStandIn | null): string {
  if (standIn) return `test mode: local Stripe stand-in at ${standIn.url} (/_stand-in/dashboard)`;
  if (!settings) return "off (no STRIPE_SECRET_KEY)";
  return settings.secretKey.startsWith("sk_live_") ? "Stripe (live)" : "Stripe (test mode)";
}

/** The banner's line about files. */
export function describeStorage(config: StorageConfig, embedded: boolean): string {
  return embedded
    ? `embedded S3 server at ${config.endpoint} (bucket ${config.bucket}, data in GUILD_DATA_DIR/s3)`
    : `S3_URL=${redactPassword(config.endpoint)} (bucket ${config.bucket})`;
}

/**
 * What `pnpm dev` and `pnpm start` print once the app answers: the demo logins where the demo is
 * seeded, and the embedded database's URL in full (for psql); a DATABASE_URL someone gave us is
 * printed without its password.
 */
export function banner(info: {
  url: string;
  databaseUrl: string;
  embedded: boolean;
  demo: boolean;
  /** The database has no user yet. */
  noAccounts: boolean;
  mail: string;
  files: string;
  /** The banner's line about billing (absent in the cluster primary's). */
  billing?: string;
  /** The banner's line about the model (absent in the cluster primary's). */
  ai?: string;
  workers: number;
}) {
  return [
    "",
    `  Guild is running at ${info.url}${info.workers > 1 ? ` (${info.workers} worker processes)` : ""}`,
    "",
    ...(info.demo
      ? [
          `  Demo logins (password "${DEMO_PASSWORD}"):`,
          ...demoUsers.map((u) => `    ${u.role.padEnd(7)} ${u.email}`),
          "",
        ]
      : info.noAccounts
        ? [
            `  No accounts yet: sign up at ${info.url}/sign-up (the verification link is in the mail,`,
            "  or in this log without SMTP_URL), then make that account a platform admin with",
            "  `pnpm db:setup-admin <email>`.",
            "",
          ]
        : []),
    `  Mail: ${info.mail}`,
    `  Files: ${info.files}`,
    ...(info.billing ? [`  Billing: ${info.billing}`] : []),
    ...(info.ai ? [`  AI: ${info.ai}`] : []),
    `  DATABASE_URL=${info.embedded ? info.databaseUrl : redactPassword(info.databaseUrl)}`,
    "",
  ].join("\n");
}

export interface StartOptions {
  env: ServerEnv;
  /** Serve the web app through Vite's dev middleware (HMR) instead of the built files. */
  vite?: boolean;
  /** Port 0 picks a free one (tests). */
  port?: number;
  /** The built SPA to serve (default: apps/web/dist, when it has been built). */
  staticDir?: string;
  /**
   * A cluster worker: env.DATABASE_URL was prepared (migrated, seeded) by the primary process,
   * which also owns embedded PostgreSQL, so this process only serves.
   */
  databaseReady?: boolean;
  /** Where log lines go (default stdout/stderr). */
  logSink?: LogSink;
}

export async function startServer(options: StartOptions) {
  const { env } = options;
  const log = createLogger(
    env.LOG_LEVEL,
    {
      service: "guild-server",
      ...(cluster.worker ? { worker: cluster.worker.id, pid: process.pid } : {}),
    },
    options.logSink,
  );
  const { databaseUrl, embedded, seeded, demo, noAccounts } =
    options.databaseReady && env.DATABASE_URL
      ? {
          databaseUrl: env.DATABASE_URL,
          embedded: null,
          seeded: false,
          demo: false,
          noAccounts: false,
        }
      : await prepareDatabase(env, log);
  const requestedPort = options.port ?? env.PORT;
  let storage: Awaited<ReturnType<typeof prepareStorage>>;
  try {
    storage = await prepareStorage(env, log, requestedPort);
  } catch (error) {
    await embedded?.stop().catch(() => {});
    throw error;
  }
  let deps: Deps | null = null;
  let jobRunner: JobRunner | null = null;
  let stripe: Awaited<ReturnType<typeof prepareStripe>> | null = null;
  let ai: Awaited<ReturnType<typeof prepareAi>> | null = null;
  const stopDatabase = async () => {
    try {
      // First: it may still be delivering events to this server.
      await stripe?.standIn?.stop().catch(() => {});
      await ai?.standIn?.close().catch(() => {});
      await jobRunner?.stop();
      await deps?.close();
    } finally {
      await storage.embedded?.stop().catch(() => {});
      await embedded?.stop();
    }
  };
  let httpServer: HttpServer | null = null;
  try {
    // It listens first (a port of 0 is only known then, and Vite's HMR attaches to it), so a
    // request that arrives before the app is ready gets a 503 instead of waiting forever.
    let serve: RequestListener = (_req, res) => {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "1" });
      res.end("Guild is starting: try again in a moment.\n");
    };
    const server = createServer((req, res) => serve(req, res));
    httpServer = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", (error: NodeJS.ErrnoException) =>
        reject(
          error.code === "EADDRINUSE"
            ? new Error(
                `Port ${requestedPort} is already in use: stop what runs there, or start Guild on another port with PORT=<port>.`,
                { cause: error },
              )
            : error,
        ),
      );
      server.listen(requestedPort, env.HOST, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    stripe = await prepareStripe(env, log, port);
    ai = await prepareAi(env, log);
    const baseURL = env.BASE_URL ?? `http://localhost:${port}`;
    const trustedOrigins = [
      baseURL,
      ...(env.NODE_ENV !== "production"
        ? [`http://localhost:${port}`, `http://127.0.0.1:${port}`]
        : []),
      ...(env.TRUSTED_ORIGINS?.split(",")
        .map((o) => o.trim())
        .filter(Boolean) ?? []),
    ];
    if (env.NODE_ENV === "production" && !env.SMTP_URL)
      log.warn(
        "no SMTP_URL: mails (email verification, password reset, invitations) are only written to this log, links included; set SMTP_URL to deliver them",
      );
    // Mail jobs better-auth queues after answering (DepsConfig.background); shutdown waits for them.
    const backgroundTasks = new Set<Promise<unknown>>();
    const background = (task: Promise<unknown>) => {
      backgroundTasks.add(task);
      const done = () => backgroundTasks.delete(task);
      task.then(done, done);
    };
    // GUILD_TEST_CLOCK: a clock /dev/clock moves (never in production).
    const testClock =
      env.GUILD_TEST_CLOCK && env.NODE_ENV !== "production" ? createTestClock() : null;
    deps = createDeps({
      ...(testClock ? { clock: testClock } : {}),
      databaseUrl,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      authSecret: await resolveAuthSecret(env),
      baseUrl: baseURL,
      trustedOrigins,
      smtpUrl: env.SMTP_URL,
      mailFrom: env.MAIL_FROM,
      storage: storage.config,
      disableAuthRateLimit: env.GUILD_DISABLE_RATE_LIMIT,
      background,
      stripe: stripe.settings,
      ai: ai.settings,
      allowPrivateWebhookAddresses:
        env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? env.NODE_ENV !== "production",
      log: (level, message, fields) => log[level](message, fields),
      authLogLevel: log.level,
    });
    // Every server process runs jobs too: with LISTEN they start within milliseconds, and two
    // runners never take the same job.
    jobRunner = await deps.startJobs();
    const { db, mailer } = deps;
    // A fresh machine's stand-in has no products: the catalog's plans and prices go into it (and
    // their ids come back), so checkout works from the first click. Real accounts sync instead
    // (`pnpm db:sync-stripe`, and the product/price webhooks).
    if (stripe.standIn && deps.stripe)
      await pushCatalogToStripe(db, deps.stripe.client, deps.clock.now()).catch((error: unknown) =>
        log.warn("could not put the plan catalog into the Stripe stand-in", {
          error: String(error),
        }),
      );
    // The demo's tiers too: a connected, onboarded account on the stand-in and their prices there,
    // so a demo member can buy Supporter or Patron in `pnpm dev`.
    if (stripe.standIn && deps.stripe) {
      const [demoOrg] = await db
        .select({ id: organization.id, slug: organization.slug })
        .from(organization)
        .where(eq(organization.slug, DEMO_ORG_SLUG));
      if (demoOrg)
        await connectDemoTiersToStandIn(db, deps.stripe.client, demoOrg, baseURL).catch(
          (error: unknown) =>
            log.warn("could not connect the demo's tiers to the Stripe stand-in", {
              error: String(error),
            }),
        );
    }
    const staticDir =
      options.staticDir ??
      (!options.vite && existsSync(join(webDir, "dist/index.html"))
        ? join(webDir, "dist")
        : undefined);
    const app = createApp({
      ...deps.api,
      log,
      trustedOrigins,
      trustProxy: env.TRUST_PROXY,
      staticDir,
      devMailbox: env.NODE_ENV === "production" ? null : mailer.mailbox,
      devClock: testClock
        ? {
            now: () => testClock.now(),
            offsetMs: () => testClock.offsetMs,
            advance: (ms) => advanceJobClock(db, testClock, ms),
          }
        : null,
    });
    const api = getRequestListener(app.fetch);

    type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
    let viteMiddleware: Middleware | null = null;
    let closeVite: (() => Promise<void>) | null = null;
    if (options.vite) {
      const { createServer: createVite } = await import("vite");
      const vite = await createVite({
        root: webDir,
        configFile: join(webDir, "vite.config.ts"),
        server: { middlewareMode: true, hmr: { server } },
        appType: "spa",
      });
      viteMiddleware = vite.middlewares;
      closeVite = () => vite.close();
    }
    const isServerPath = (url: string) =>
      /^\/(api|healthz|dev\/mailbox|dev\/clock)(\/|$|\?)/.test(url);
    // Shutdown must not wait for keep-alive connections: server.close() only drops the idle
    // ones, so a client that keeps its connection (browsers, load balancers) would hold close()
    // for the keep-alive timeout, and could even send new requests on it. While stopping, every
    // response (including the in-flight ones) says `connection: close`.
    let stopping = false;
    const inFlight = new Set<ServerResponse>();
    // Event streams (realtime.events) never end by themselves: shutdown cuts them rather than
    // waiting the drain timeout, and the browser reconnects with its last event id to another
    // process. Ending them properly would be wrong: the client would take the stream as complete
    // and not reconnect. Known by what the request accepts: @hono/node-server writes the
    // response's headers in writeHead(), where getHeader() cannot see them.
    const eventStreams = new Set<ServerResponse>();
    serve = (req, res) => {
      if (req.headers.accept?.includes("text/event-stream")) {
        if (stopping) {
          res.writeHead(503, { "retry-after": "1", connection: "close" });
          res.end();
          return;
        }
        eventStreams.add(res);
        res.once("close", () => eventStreams.delete(res));
      }
      if (stopping) res.setHeader("connection", "close");
      inFlight.add(res);
      res.once("close", () => inFlight.delete(res));
      if (viteMiddleware && !isServerPath(req.url ?? "/")) {
        viteMiddleware(req, res, () => {
          res.statusCode = 404;
          res.end("Not found");
        });
        return;
      }
      void api(req, res);
    };

    let closing: Promise<void> | null = null;
    const close = () => {
      closing ??= (async () => {
        log.info("shutting down: finishing in-flight requests");
        stopping = true;
        for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
        // Requests get a while to finish; in development less, so that a reload (node --watch
        // waits for the old process to exit) stays quick.
        const drainMs = options.vite ? DEV_DRAIN_TIMEOUT_MS : DRAIN_TIMEOUT_MS;
        const force = setTimeout(() => server.closeAllConnections(), drainMs);
        for (const stream of eventStreams) stream.destroy();
        try {
          const drained = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          // Vite's HMR websockets (a browser tab) never end by themselves: close() would wait on
          // them forever, and a reload would wait with it.
          await closeVite?.();
          await drained;
          // Mails still being delivered get as long as requests did.
          await Promise.race([
            Promise.allSettled(backgroundTasks),
            new Promise((resolve) => setTimeout(resolve, drainMs).unref()),
          ]);
        } finally {
          clearTimeout(force);
          await stopDatabase();
        }
        log.info("stopped");
      })();
      return closing;
    };

    return {
      url: baseURL,
      port,
      databaseUrl,
      embedded: embedded !== null,
      seeded,
      mailer,
      db,
      storage: deps.storage,
      /** The local Stripe stand-in this server started (no STRIPE_SECRET_KEY), if any. */
      stripeStandIn: stripe.standIn,
      /** The local model stand-in this server started (no LLM_BASE_URL or LLM_API_KEY), if any. */
      modelStandIn: ai.standIn,
      close,
      banner: () =>
        banner({
          url: baseURL,
          databaseUrl,
          embedded: embedded !== null,
          demo,
          noAccounts,
          mail: mailer.describe,
          files: describeStorage(storage.config, storage.embedded !== null),
          billing: describeStripe(stripe?.settings ?? null, stripe?.standIn ?? null),
          ai: describeAi(ai?.settings ?? null, ai?.standIn ?? null),
          workers: 1,
        }),
    };
  } catch (error) {
    // A failed start (port taken, Vite failing) leaves nothing running behind it.
    httpServer?.close();
    await stopDatabase().catch(() => {});
    throw error;
  }
}
