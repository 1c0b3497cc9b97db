import { DEV_PG_PORT } from "@guild/db/embedded";
import { z } from "zod";

// The only place the server reads process.env. Everything is optional: with nothing set,
// `pnpm dev` runs on embedded PostgreSQL with a dev mailbox.
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** 0 picks a free port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.url().optional(),
  /** Without DATABASE_URL: where embedded PostgreSQL and the generated auth secret live. */
  GUILD_DATA_DIR: z.string().min(1).optional(),
  /** Without DATABASE_URL: embedded PostgreSQL's port (0 picks a free one). */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(DEV_PG_PORT),
  /** Signs sessions. Without it a random one is kept in .data/auth-secret. */
  AUTH_SECRET: z.string().min(32).optional(),
  /** Public origin, e.g. https://guild.example.com. Default http://localhost:PORT. */
  BASE_URL: z.url().optional(),
  /** Extra origins allowed to call the API with cookies (comma-separated). */
  TRUSTED_ORIGINS: z.string().optional(),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().default("Guild <no-reply@guild.local>"),
  /** Behind a reverse proxy that sets x-forwarded-for: trust it for client addresses. */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /**
   * Server processes for `pnpm start` (production), one per CPU core by default: one Node process
   * runs JavaScript on one core. `pnpm dev` always runs one.
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** First delay before restarting a worker that crashed young; doubles on each crash in a row. */
  WORKER_RESTART_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /**
   * Development and tests only: a clock that POST /dev/clock moves forward (with the queued jobs),
   * so reminders, expiries and scheduled work can be tried without waiting. Ignored in production.
   */
  GUILD_TEST_CLOCK: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** Benchmarks only: turn auth rate limiting off. */
  GUILD_DISABLE_RATE_LIMIT: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
});

export type ServerEnv = z.infer<typeof schema>;
export const env: ServerEnv = schema.parse(process.env);
