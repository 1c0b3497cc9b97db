// The tenant scope: what every service that touches an organization's data receives, whoever
// runs it (a request, a job, a webhook, a seed). Built only by withTenant and
// withSessionMembership (tenant.ts), inside the tenant transaction.
import type { MemberRole } from "./enums/organization.ts";
import type { TenantDb } from "./tenant.ts";

/** A member of the organization, acting through a request. */
export interface MemberActor {
  kind: "member";
  memberId: string;
  userId: string;
  role: MemberRole;
  /** Granted CRM access (owners and admins have it by role: see @guild/api's lead policy). */
  crmAccess: boolean;
}

/** Someone signed out (public pages, calendar feeds, certificate checks). */
export interface VisitorActor {
  kind: "visitor";
}

/** Guild itself: a job, a webhook, a seed. The reason reaches the logs and the activity log. */
export interface SystemActor {
  kind: "system";
  reason: string;
}

export type Actor = MemberActor | VisitorActor | SystemActor;

export const systemActor = (reason: string): SystemActor => ({ kind: "system", reason });

/**
 * The one clock. Services, jobs and their run times read `now()` from it, never `new Date()`,
 * so tests (and e2e through /dev/clock) can move time forward.
 */
export interface Clock {
  now(): Date;
  /**
   * A time on this clock as PostgreSQL's clock reads it, for what the database compares with its
   * own now() (a job's run_at): a test clock runs ahead of real time.
   */
  toDatabase(time: Date): Date;
}

export const systemClock: Clock = { now: () => new Date(), toDatabase: (time) => time };

/**
 * A clock tests move forward: real time plus an offset, so time still flows (timeouts, job
 * pickup) while days can pass in a call. Moving it does not move queued jobs by itself: see
 * advanceClock in @guild/api's jobs, which also brings their run times forward.
 */
export interface TestClock extends Clock {
  readonly offsetMs: number;
  advance(ms: number): void;
}

export function createTestClock(startOffsetMs = 0): TestClock {
  let offsetMs = startOffsetMs;
  return {
    get offsetMs() {
      return offsetMs;
    },
    now: () => new Date(Date.now() + offsetMs),
    toDatabase: (time) => new Date(time.getTime() - offsetMs),
    advance: (ms) => {
      if (ms < 0) throw new Error("a test clock only moves forward");
      offsetMs += ms;
    },
  };
}

/** Where a request came from: for the activity log. */
export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  sessionId: string | null;
}

/**
 * Job payloads by task name. Each domain declares its own next to its handlers:
 * `declare module "@guild/db/scope" { interface JobPayloads { "lead.assigned": { leadId: string } } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging, per domain.
export interface JobPayloads {}
export type TaskName = keyof JobPayloads & string;

export interface EnqueueOptions {
  /** When to run it (the scope's clock); default now. */
  runAt?: Date;
  /**
   * One pending job per key and organization: enqueueing again replaces the waiting one (its
   * payload and run time), e.g. a reminder that moves with its event.
   */
  jobKey?: string;
  /** With jobKey: "preserveRunAt" keeps the waiting job's run time (the earliest one wins). */
  jobKeyMode?: "replace" | "preserveRunAt";
  /** Attempts before the job is given up (default 10, with exponential backoff). */
  maxAttempts?: number;
  /** Lower runs first (default 0). */
  priority?: number;
}

export interface TenantScope {
  /** The tenant transaction: row-level security confines it to `organizationId`. */
  readonly db: TenantDb;
  readonly organizationId: string;
  readonly actor: Actor;
  /** The request behind the scope, if any (activity log). */
  readonly request: RequestInfo | null;
  now(): Date;
  /**
   * Adds a job in this transaction: it exists if and only if the transaction commits. Its
   * handler runs in a tenant scope of this organization, as the system actor.
   */
  enqueue<K extends TaskName>(
    task: K,
    payload: JobPayloads[K],
    options?: EnqueueOptions,
  ): Promise<void>;
  /**
   * Statements for the end of the transaction, in order, once its work has succeeded: they run
   * in it, before COMMIT. For writes that lock a row every transaction of the organization
   * takes (the realtime event counter): taken last, such a lock is held only for the commit and
   * never before another lock, so it cannot complete a deadlock.
   */
  beforeCommit(task: () => Promise<void>): void;
  /**
   * Work that talks to the outside world once the transaction has committed, in order: it holds
   * no connection or row lock meanwhile and never acts on a write that was rolled back. Prefer
   * enqueue (durable, retried); this is for what must happen before the caller gets its answer.
   */
  afterCommit(task: () => Promise<void>): void;
}
