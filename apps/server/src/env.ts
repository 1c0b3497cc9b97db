import { DEV_PG_PORT } from "@guild/db/embedded";
import { DEV_S3_PORT } from "@guild/storage";
import { z } from "zod";

const flag = (fallback: "true" | "false") =>
  z
    .enum(["true", "false", "1", "0"])
    .default(fallback)
    .transform((v) => v === "true" || v === "1");

// The only place the server reads process.env. Everything is optional: with nothing set,
// `pnpm dev` runs on embedded PostgreSQL and an embedded S3 server, with a dev mailbox.
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** 0 picks a free port. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_URL: z.url().optional(),
    /**
     * Where embedded PostgreSQL (without DATABASE_URL), the embedded S3 server's files (without
     * S3_URL) and the generated auth secret live.
     */
    GUILD_DATA_DIR: z.string().min(1).optional(),
    /** Without DATABASE_URL: embedded PostgreSQL's port (0 picks a free one). */
    EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(DEV_PG_PORT),
    /** Signs sessions. Without it a random one is kept in .data/auth-secret. */
    AUTH_SECRET: z.string().min(32).optional(),
    /** Public origin, e.g. https://guild.example.com. Default http://localhost:PORT. */
    BASE_URL: z.url().optional(),
    /** Extra origins allowed to call the API with cookies (comma-separated). */
    TRUSTED_ORIGINS: z.string().optional(),
    /** The longest one SQL statement of the app may run before PostgreSQL cancels it (ms). */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
    SMTP_URL: z.url().optional(),
    MAIL_FROM: z.string().default("Guild <no-reply@guild.local>"),
    /**
     * The S3 API endpoint for files (MinIO, R2, AWS: e.g. https://s3.eu-west-1.amazonaws.com).
     * Browsers upload to and download from it directly, so they must be able to reach it. Unset:
     * an embedded S3 server (s3rver) with its data in GUILD_DATA_DIR/s3.
     */
    S3_URL: z.url().optional(),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "S3_BUCKET must be a valid bucket name")
      .default("guild"),
    /** "auto" for R2; s3rver and MinIO take anything. */
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Path-style URLs (http://host/bucket/key): MinIO needs them; false for AWS virtual hosts. */
    S3_FORCE_PATH_STYLE: flag("true"),
    /** Without S3_URL: the embedded S3 server's port (0 picks a free one). */
    EMBEDDED_S3_PORT: z.coerce.number().int().min(0).max(65535).default(DEV_S3_PORT),
    /**
     * Stripe's secret key (sk_test_… or sk_live_…). Unset: outside production, a local Stripe
     * stand-in (@guild/stripe-stand-in) is started and billing talks to it ("test mode: local
     * Stripe stand-in" on screen); in production, billing is off.
     */
    STRIPE_SECRET_KEY: z.string().min(1).optional(),
    /** The signing secret (whsec_…) of the /api/webhooks/stripe endpoint made in Stripe. */
    STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
    /** The Connect endpoint's own signing secret, when Connect events come to a second endpoint. */
    STRIPE_CONNECT_WEBHOOK_SECRET: z.string().min(1).optional(),
    /**
     * Without STRIPE_SECRET_KEY: the stand-in's port (0 picks a free one). Default 12111 in
     * development (`pnpm dev`), a free one otherwise (tests, e2e), so runs never collide.
     */
    STRIPE_STAND_IN_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /**
     * Browser tests: `per-customer` puts every Stripe customer the stand-in makes on a test clock
     * of its own, so a test moves its own organization's billing time
     * (stripe.testHelpers.testClocks) while the other tests share the server. Ignored with real
     * keys.
     */
    STRIPE_STAND_IN_CLOCKS: z.enum(["shared", "per-customer"]).default("shared"),
    /**
     * The language model (studio, assistant): any OpenAI-compatible chat-completions API, e.g.
     * https://api.openai.com/v1, a local Ollama (http://127.0.0.1:11434/v1) or vLLM. With only
     * LLM_API_KEY, OpenAI's. With neither, outside production, a local model stand-in
     * (@guild/model-stand-in) is started ("local stand-in model" on screen); in production,
     * AI features are off.
     */
    LLM_BASE_URL: z.url().optional(),
    /** Sent as `Authorization: Bearer …` (a local Ollama needs none: set LLM_BASE_URL alone). */
    LLM_API_KEY: z.string().min(1).optional(),
    /** The model id (needed with LLM_BASE_URL; with only LLM_API_KEY, default gpt-4o-mini). */
    LLM_MODEL: z.string().min(1).optional(),
    /** The longest the provider may stay silent before a call fails as a timeout (ms). */
    LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    /**
     * Without LLM_BASE_URL and LLM_API_KEY: the stand-in's port (0 picks a free one). Default
     * 12112 in development (`pnpm dev`), a free one otherwise (tests, e2e).
     */
    LLM_STAND_IN_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** The stand-in's pause between streamed tokens (ms): the pace a stream is seen arriving. */
    LLM_STAND_IN_TOKEN_DELAY_MS: z.coerce.number().int().min(0).max(5000).default(15),
    /**
     * Outgoing webhooks (the studio's) may call loopback and private network addresses. Default:
     * yes outside production (local receivers), no in production, where an organization's admin
     * could otherwise reach the machine's own services.
     */
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z
      .enum(["true", "false", "1", "0"])
      .transform((v) => v === "true" || v === "1")
      .optional(),
    /** Behind a reverse proxy that sets x-forwarded-for: trust it for client addresses. */
    TRUST_PROXY: flag("false"),
    /**
     * Server processes for `pnpm start` (production), one per CPU core by default: one Node process
     * runs JavaScript on one core. `pnpm dev` always runs one.
     */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    /** First delay before restarting a worker that crashed young; doubles on each crash in a row. */
    WORKER_RESTART_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    /**
     * Development and tests only: a clock that POST /dev/clock moves forward (with the queued
     * jobs), so reminders, expiries and scheduled work can be tried without waiting. Ignored in
     * production.
     */
    GUILD_TEST_CLOCK: flag("false"),
    /** Benchmarks only: turn auth rate limiting off. */
    GUILD_DISABLE_RATE_LIMIT: flag("false"),
  })
  .refine((env) => !env.STRIPE_SECRET_KEY || env.STRIPE_WEBHOOK_SECRET, {
    message:
      "STRIPE_SECRET_KEY needs STRIPE_WEBHOOK_SECRET (the webhook endpoint's signing secret)",
    path: ["STRIPE_WEBHOOK_SECRET"],
  })
  .refine((env) => !env.LLM_BASE_URL || env.LLM_MODEL, {
    message: "LLM_BASE_URL needs LLM_MODEL (the model id the provider serves)",
    path: ["LLM_MODEL"],
  })
  .refine((env) => !env.S3_URL || (env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY), {
    message: "S3_URL needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY",
    path: ["S3_ACCESS_KEY_ID"],
  });

export type ServerEnv = z.infer<typeof schema>;
export const env: ServerEnv = schema.parse(process.env);
