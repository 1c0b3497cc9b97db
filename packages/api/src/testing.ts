// Test fixtures: a real database copy, real better-auth, real sessions, and callers that go
// through the whole procedure ladder exactly as HTTP requests do.
import { createMailer, initAuth } from "@guild/auth";
import type { MemberRole } from "@guild/db";
import { eq, member, organization, systemClock, user } from "@guild/db";
import { createTestDatabase } from "@guild/db/testing";
import { createTestBucket } from "@guild/storage/testing";
import { TRPCError } from "@trpc/server";
import { inject } from "vitest";
import { z } from "zod";
import type { ApiDeps } from "./context.ts";
import { createCaller } from "./index.ts";
import type { JobDeps } from "./jobs/define.ts";
import { runDueJobs } from "./jobs/runner.ts";
import { createEventBus, type EventBusOptions } from "./realtime/bus.ts";
import { invitationProvesEmail } from "./services/invitation.ts";
import type { StripeDeps } from "./services/stripe-client.ts";
import { fieldOf } from "./trpc-errors.ts";

export const TEST_PASSWORD = "correct-horse-battery";
/** The fixture's auth secret (the key of invitation links, invitation-key.ts, is made with it). */
export const TEST_SECRET = "test-secret-test-secret-test-secret-0123";

export interface ApiFixtureOptions {
  /** The S3 server (default: the test run's embedded one, provided as s3Url). */
  s3Url?: string;
  /** Keys per ListObjectsV2 page: small makes listing paginate with a few objects. */
  listPageSize?: number;
  /** Billing's Stripe (a local stand-in's client): procedures and jobs get it; none by default. */
  stripe?: StripeDeps | null;
}

export async function createApiFixture(
  adminUrl: string,
  options: ApiFixtureOptions & EventBusOptions = {},
) {
  const database = await createTestDatabase(adminUrl);
  // A bucket of this test file's own on the run's s3rver.
  const bucket = await createTestBucket(options.s3Url ?? inject("s3Url"), {
    ...(options.listPageSize ? { listPageSize: options.listPageSize } : {}),
  });
  const { storage } = bucket;
  const realtime = createEventBus(database, {
    ...(options.recheckIntervalMs ? { recheckIntervalMs: options.recheckIntervalMs } : {}),
    ...(options.membershipTtlMs ? { membershipTtlMs: options.membershipTtlMs } : {}),
  });
  const mailer = createMailer({ from: "test@guild.local" });
  const appUrl = "http://localhost:3999";
  const auth = initAuth({
    db: database.db,
    secret: TEST_SECRET,
    baseURL: appUrl,
    mailer,
    disableRateLimit: true,
    // As createDeps wires it: a sign-up from an invitation link is verified by it.
    emailProvenByInvitation: (input) =>
      invitationProvesEmail(database.db, TEST_SECRET, input, new Date()),
  });
  const stripe = options.stripe ?? null;
  const deps: ApiDeps = { db: database.db, auth, appUrl, storage, realtime, stripe };
  const jobDeps: JobDeps = {
    db: database.db,
    mailer,
    storage,
    appUrl,
    secret: TEST_SECRET,
    clock: systemClock,
    stripe,
    log: () => {},
  };
  let counter = 0;

  /** A verified user with a real session cookie. */
  async function signUp(name = `User ${++counter}`, email?: string) {
    const address =
      email ?? `user${counter}-${Math.random().toString(36).slice(2, 8)}@test.example`;
    await auth.api.signUpEmail({ body: { name, email: address, password: TEST_PASSWORD } });
    await database.db.update(user).set({ emailVerified: true }).where(eq(user.email, address));
    const response = await auth.api.signInEmail({
      body: { email: address, password: TEST_PASSWORD },
      asResponse: true,
    });
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const [row] = await database.db.select().from(user).where(eq(user.email, address));
    if (!row || !cookie) throw new Error("sign-up failed");
    return {
      id: row.id,
      name,
      email: address,
      cookie,
      /**
       * A caller for this user, naming `orgSlug` as the request's organization; a subscription
       * called through it ends when `signal` aborts.
       */
      caller: (orgSlug?: string, signal?: AbortSignal) => callerFor(cookie, orgSlug, signal),
    };
  }

  function callerFor(cookie: string | null, orgSlug?: string, signal?: AbortSignal) {
    const headers = new Headers();
    if (cookie) headers.set("cookie", cookie);
    if (orgSlug) headers.set("x-guild-org", orgSlug);
    return createCaller(deps, { headers }, signal ? { signal } : {});
  }

  /** A new user who joins the organization directly (no invitation), with a caller. */
  async function addMember(
    organizationId: string,
    role: MemberRole,
    options: { name?: string; crmAccess?: boolean } = {},
  ) {
    const person = await signUp(options.name);
    const [m] = await database.db
      .insert(member)
      .values({ organizationId, userId: person.id, role, crmAccess: options.crmAccess ?? false })
      .returning();
    if (!m) throw new Error("member insert failed");
    return { ...person, memberId: m.id };
  }

  /**
   * An organization with an owner, plus a member of each given role (named "<role> of <slug>").
   * crmAccess grants them all CRM access (owners and admins have it by role anyway).
   */
  async function createOrg(
    slug: string,
    roles: MemberRole[] = [],
    options: { crmAccess?: boolean } = {},
  ) {
    const owner = await signUp(`Owner of ${slug}`);
    const caller = await owner.caller();
    const org = await caller.me.organizations.create({ name: `Org ${slug}`, slug });
    const members: Record<string, Awaited<ReturnType<typeof addMember>>> = {};
    for (const role of roles)
      members[role] = await addMember(org.id, role, {
        name: `${role} of ${slug}`,
        crmAccess: options.crmAccess ?? false,
      });
    const [ownerMember] = await database.db
      .select()
      .from(member)
      .where(eq(member.userId, owner.id));
    if (!ownerMember) throw new Error("owner membership missing");
    return { org, owner: { ...owner, memberId: ownerMember.id }, members };
  }

  return {
    ...database,
    async drop() {
      await realtime.close();
      await bucket.close();
      await database.drop();
    },
    realtime,
    auth,
    mailer,
    storage,
    deps,
    signUp,
    addMember,
    createOrg,
    jobDeps,
    /** Runs the jobs that are due (mail, fan-out) with the real runner, until none is left. */
    runJobs: (overrides: Partial<JobDeps> = {}) =>
      runDueJobs({ ...jobDeps, ...overrides }, database.url),
    anonymous: (orgSlug?: string) => callerFor(null, orgSlug),
    async orgIdOf(slug: string) {
      const [o] = await database.db.select().from(organization).where(eq(organization.slug, slug));
      return o?.id;
    },
  };
}

export type ApiFixture = Awaited<ReturnType<typeof createApiFixture>>;

/** The tRPC error code of a rejected call, or "OK" when it resolved. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error && typeof error === "object" && "code" in error && typeof error.code === "string")
      return error.code;
    throw error;
  }
}

/**
 * A refused call's code and the input fields it names, as the web form would show them: from
 * zod's issues or a domain error's field.
 */
export async function refusalOf(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const issues = error.cause instanceof z.ZodError ? error.cause.issues : [];
    const field = fieldOf(error.cause);
    const fields = field ? [field] : issues.map((issue) => String(issue.path[0]));
    return { code: error.code, fields: [...new Set(fields)] };
  }
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}
