// Everything Guild runs on, made in one place from plain settings: the server, the job runner and
// any other host (examples/node-http) call createDeps and get the same database, auth, mail,
// jobs and clock wiring.
import { inspect } from "node:util";
import { type Auth, createMailer, initAuth, type Mail, type Mailer } from "@guild/auth";
import { type Clock, createDb, type Database, type Sql, systemClock } from "@guild/db";
import { createStorage, type Storage, type StorageConfig } from "@guild/storage";
import { type AiDeps, type AiSettings, createAiModel } from "./ai/model.ts";
import type { ApiDeps } from "./context.ts";
import type { JobDeps } from "./jobs/define.ts";
import { type JobRunner, type JobRunnerOptions, startJobRunner } from "./jobs/runner.ts";
import { enqueueSystemJob } from "./jobs/system.ts";
import { createEventBus, type EventBus } from "./realtime/bus.ts";
import { recordSignIn } from "./services/activity-log.ts";
import { invitationProvesEmail } from "./services/invitation.ts";
import { createStripe, type StripeDeps, type StripeSettings } from "./services/stripe-client.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";

/** Where the deps write their log lines (the host's logger). */
export type DepsLog = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

/** A value a library logged, as text a JSON line can carry (an Error with its stack). */
function describe(value: unknown): string {
  if (value instanceof Error) return value.stack ?? String(value);
  return typeof value === "string" ? value : inspect(value, { depth: 3, breakLength: Infinity });
}

export interface DepsConfig {
  databaseUrl: string;
  /** Connections in the app's pool (default 10). */
  poolSize?: number;
  /** The longest one statement may run before PostgreSQL cancels it (default 30 s; createDb). */
  statementTimeoutMs?: number;
  /** Signs sessions (≥ 32 characters). */
  authSecret: string;
  /** Public origin of the web app: links in mails, auth's origin checks. */
  baseUrl: string;
  /** More origins allowed to call the API with cookies. */
  trustedOrigins?: string[];
  /** Without it, mails go to the dev mailbox (and the log). */
  smtpUrl?: string | undefined;
  mailFrom: string;
  /** The S3 bucket files go to (the embedded s3rver's in dev and tests). */
  storage: StorageConfig;
  /** Stripe's keys, or the local stand-in's address; without them billing is off. */
  stripe?: StripeSettings | null;
  /** The language model's provider (or the local stand-in's address); without it AI is off. */
  ai?: AiSettings | null;
  /** Outgoing webhooks may call loopback and private addresses (development and tests only). */
  allowPrivateWebhookAddresses?: boolean;
  /** Load benchmarks only: turn auth's rate limits off. */
  disableAuthRateLimit?: boolean;
  clock?: Clock;
  log?: DepsLog;
  /** Level of better-auth's own log lines. */
  authLogLevel?: LogLevel | "silent";
  /**
   * Runs better-auth's mail enqueueing after the reply, so a registered address does not answer
   * a little slower than an unknown one (the host awaits these on shutdown).
   */
  background?: (task: Promise<unknown>) => void;
}

export interface Deps {
  db: Database;
  sql: Sql;
  auth: Auth;
  /** Sends for real (or to the dev mailbox): used by the job runner. */
  mailer: Mailer;
  storage: Storage;
  clock: Clock;
  appUrl: string;
  /** What the API's procedures need (createFetchHandler, createCaller). */
  api: ApiDeps;
  /** What the job runner's handlers need. */
  jobs: JobDeps;
  /** This process's one LISTEN connection, feeding its event streams. */
  realtime: EventBus;
  /** The Stripe client (services/stripe-client.ts), or null without settings. */
  stripe: StripeDeps | null;
  /** The language model (ai/model.ts), or null without settings. */
  ai: AiDeps | null;
  /** Starts this process's job runner (the server does; scripts and tests may). */
  startJobs(options?: Omit<JobRunnerOptions, "databaseUrl">): Promise<JobRunner>;
  /** Stops listening and ends the pool (after the runner and the HTTP server have stopped). */
  close(): Promise<void>;
}

const quiet: DepsLog = () => {};

/**
 * better-auth's mails (verification, password reset, "you already have an account") are queued
 * as jobs like every other mail: the request does not wait for the relay, a crash after the
 * commit loses none, and a failed send is retried. The mailbox stays the real mailer's.
 */
function queuedMailer(db: Database, clock: Clock, real: Mailer): Mailer {
  return {
    send: (mail: Mail) => enqueueSystemJob(db, clock, "mail.send", mail),
    mailbox: real.mailbox,
    describe: real.describe,
  };
}

export function createDeps(config: DepsConfig): Deps {
  const log = config.log ?? quiet;
  const clock = config.clock ?? systemClock;
  const { db, sql } = createDb(config.databaseUrl, {
    max: config.poolSize ?? 10,
    ...(config.statementTimeoutMs ? { statementTimeoutMs: config.statementTimeoutMs } : {}),
  });
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    log: (line) => log("info", line),
  });
  const auth = initAuth({
    db,
    secret: config.authSecret,
    baseURL: config.baseUrl,
    trustedOrigins: config.trustedOrigins ?? [],
    mailer: queuedMailer(db, clock, mailer),
    disableRateLimit: config.disableAuthRateLimit ?? false,
    log: (level, message, details) =>
      log(level, `auth: ${message}`, details.length ? { details: details.map(describe) } : {}),
    logLevel: config.authLogLevel ?? "info",
    ...(config.background ? { background: config.background } : {}),
    // The invitation link proves the address it was mailed to (services/invitation.ts).
    emailProvenByInvitation: (input) =>
      invitationProvesEmail(db, config.authSecret, input, clock.now()),
    // The learning activity log's sign-ins (services/activity-log.ts).
    onSignIn: (session) => recordSignIn(db, session, clock.now()),
  });
  const storage = createStorage(config.storage);
  const stripe = config.stripe ? createStripe(config.stripe) : null;
  const ai = config.ai ? createAiModel(config.ai) : null;
  const jobs: JobDeps = {
    db,
    mailer,
    storage,
    appUrl: config.baseUrl,
    secret: config.authSecret,
    clock,
    stripe,
    ai,
    allowPrivateWebhookAddresses: config.allowPrivateWebhookAddresses === true,
    log: (level, message, fields) => log(level, message, fields),
  };
  const realtime = createEventBus(
    { db, sql },
    { log: (level, message, fields) => log(level, message, fields) },
  );
  const api: ApiDeps = { db, auth, appUrl: config.baseUrl, clock, storage, realtime, stripe, ai };
  return {
    db,
    sql,
    auth,
    mailer,
    storage,
    clock,
    appUrl: config.baseUrl,
    api,
    jobs,
    realtime,
    stripe,
    ai,
    startJobs: (options = {}) =>
      startJobRunner(jobs, { databaseUrl: config.databaseUrl, ...options }),
    async close() {
      storage.close();
      await realtime.close();
      await sql.end({ timeout: 5 });
    },
  };
}
