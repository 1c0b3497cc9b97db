// How a domain declares its background tasks (graphile-worker). Two kinds:
// - tenant tasks, enqueued from a tenant transaction (scope.enqueue) and run in a tenant scope of
//   the job's organization as the system actor;
// - system tasks (mail, maintenance, cron), enqueued with enqueueSystemJob outside any tenant and
//   run with the deps alone. A system task whose payload carries an organization (that is, one a
//   tenant enqueued through guild_enqueue) is refused.
import type { Mailer } from "@guild/auth";
import type { Clock, Database, JobPayloads, TaskName, TenantScope } from "@guild/db";
import type { Storage } from "@guild/storage";
import type { JobHelpers } from "graphile-worker";
import type { z } from "zod";
import type { AiDeps } from "../ai/model.ts";
import type { StripeDeps } from "../services/stripe-client.ts";

/** What every handler may use besides its scope. */
export interface JobDeps {
  db: Database;
  mailer: Mailer;
  /** Object storage: deleting the objects of deleted files. */
  storage: Storage;
  /** Public origin of the web app, for links in mails. */
  appUrl: string;
  /** The app's secret (better-auth's): signs the keys that links in mails carry. */
  secret: string;
  clock: Clock;
  /** Stripe (or the local stand-in), for jobs that call it; null where billing is off. */
  stripe?: StripeDeps | null;
  /** The language model (or the local stand-in), for jobs that call it; null where none is set. */
  ai?: AiDeps | null;
  /**
   * Whether outgoing webhooks may call loopback and private network addresses (development and
   * tests, whose receivers run on 127.0.0.1). Off unless set: in production a user-chosen
   * address must not reach the machine's own services (services/outgoing-http.ts).
   */
  allowPrivateWebhookAddresses?: boolean;
  log: (
    level: "info" | "warn" | "error",
    message: string,
    fields?: Record<string, unknown>,
  ) => void;
}

/** What a tenant task's handler gets besides its payload. */
export interface TenantTaskContext {
  organizationId: string;
  /**
   * Runs fn in a short tenant transaction of the job's organization, as the system actor (the
   * task's name is its reason). Work that waits on the outside world (sending mail) happens
   * between these, never inside one.
   */
  tenant<T>(fn: (scope: TenantScope) => Promise<T>): Promise<T>;
  deps: JobDeps;
  helpers: JobHelpers;
}

export interface TenantTask<K extends TaskName> {
  kind: "tenant";
  payload: z.ZodType<JobPayloads[K]>;
  run(payload: JobPayloads[K], context: TenantTaskContext): Promise<void>;
}

export interface SystemTask<P> {
  kind: "system";
  payload: z.ZodType<P>;
  run(payload: P, context: { deps: JobDeps; helpers: JobHelpers }): Promise<void>;
}

/** A task a tenant transaction enqueues with scope.enqueue(name, payload). */
export function tenantTask<K extends TaskName>(task: Omit<TenantTask<K>, "kind">): TenantTask<K> {
  return { kind: "tenant", ...task };
}

/** A task Guild itself enqueues (enqueueSystemJob) or runs on a schedule (cron). */
export function systemTask<P>(task: Omit<SystemTask<P>, "kind">): SystemTask<P> {
  return { kind: "system", ...task };
}

/** Any task of either kind, as the registry holds them. */
export type AnyTask = TenantTask<TaskName> | SystemTask<unknown>;
