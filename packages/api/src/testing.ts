// Test fixtures: a real database copy, real better-auth, real sessions, and callers that go
// through the whole procedure ladder exactly as HTTP requests do.
import { createServer } from "node:http";
import { createMailer, initAuth } from "@guild/auth";
import type { MemberActor, MemberRole, SpaceType } from "@guild/db";
import {
  and,
  eq,
  member,
  notInArray,
  organization,
  organizationSubscription,
  plan,
  systemClock,
  user,
} from "@guild/db";
import { createTestDatabase } from "@guild/db/testing";
import { startModelStandIn } from "@guild/model-stand-in";
import { createTestBucket } from "@guild/storage/testing";
import { type StripeStandIn, signPayload, startStripeStandIn } from "@guild/stripe-stand-in";
import { TRPCError } from "@trpc/server";
import { inject } from "vitest";
import { z } from "zod";
import { type AiDeps, createAiModel } from "./ai/model.ts";
import type { ApiDeps } from "./context.ts";
import { AppError } from "./errors.ts";
import { createCaller } from "./index.ts";
import type { JobDeps } from "./jobs/define.ts";
import { runDueJobs } from "./jobs/runner.ts";
import { createEventBus, type EventBusOptions } from "./realtime/bus.ts";
import type { StreamEvent } from "./realtime/stream.ts";
import { recordSignIn } from "./services/activity-log.ts";
import { invitationProvesEmail } from "./services/invitation.ts";
import { createStripe, type StripeDeps } from "./services/stripe-client.ts";
import { fieldOf } from "./trpc-errors.ts";
import { receiveStripeWebhook } from "./webhooks/stripe.ts";

export const TEST_PASSWORD = "correct-horse-battery";

/**
 * A member as a service's actor, for calling a service directly in withTenant (what a request's
 * scope would hold; the user id is not looked up by services that act on the member).
 */
export const memberActor = (memberId: string, role: MemberRole = "member"): MemberActor => ({
  kind: "member",
  memberId,
  userId: "00000000-0000-4000-8000-000000000000",
  role,
  crmAccess: false,
});
/** The fixture's auth secret (the key of invitation links, invitation-key.ts, is made with it). */
export const TEST_SECRET = "test-secret-test-secret-test-secret-0123";

export interface ApiFixtureOptions {
  /** The S3 server (default: the test run's embedded one, provided as s3Url). */
  s3Url?: string;
  /** Keys per ListObjectsV2 page: small makes listing paginate with a few objects. */
  listPageSize?: number;
  /**
   * Billing's Stripe: procedures and jobs get it. By default the fixture's own stand-in (see
   * `stripe` on the fixture); null: billing not configured.
   */
  stripe?: StripeDeps | null;
  /**
   * The model: by default the fixture's own stand-in (see `model` on the fixture), with short
   * timeouts; null: no model configured (AI_DISABLED).
   */
  ai?: AiDeps | null;
}

/** The fixture model's timeouts: a timeout fault fails within a second, not 30. */
export const TEST_AI_TIMEOUTS = { idleTimeoutMs: 800, totalTimeoutMs: 20_000, maxRetries: 0 };

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
    onSignIn: (session) => recordSignIn(database.db, session, new Date()),
  });
  const billing = await startFixtureStripe(database.db);
  // A test may bring its own Stripe, or none (null: billing not configured).
  const stripe = options.stripe === undefined ? billing.stripe : options.stripe;
  // One model stand-in per test file, like Stripe's: its queued faults touch no other file.
  const modelStandIn = await startModelStandIn({ tokenDelayMs: 1 });
  const ai =
    options.ai === undefined
      ? createAiModel({
          baseUrl: modelStandIn.baseURL,
          model: modelStandIn.model,
          isStandIn: true,
          ...TEST_AI_TIMEOUTS,
        })
      : options.ai;
  const deps: ApiDeps = { db: database.db, auth, appUrl, storage, realtime, stripe, ai };
  const jobDeps: JobDeps = {
    db: database.db,
    mailer,
    storage,
    appUrl,
    secret: TEST_SECRET,
    clock: systemClock,
    stripe,
    ai,
    // The tests' webhook receivers listen on 127.0.0.1.
    allowPrivateWebhookAddresses: true,
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
   * Puts the organization on a catalog plan through a comped subscription (no Stripe; a comp's
   * staff seats are the plan's own), replacing its current one; null: back to Free (the current
   * subscription canceled, nothing else touched).
   */
  async function setPlan(organizationId: string, planKey: string | null) {
    await database.db
      .update(organizationSubscription)
      .set({ status: "canceled", endedAt: new Date() })
      .where(
        and(
          eq(organizationSubscription.organizationId, organizationId),
          notInArray(organizationSubscription.status, ["canceled", "incomplete_expired"]),
        ),
      );
    if (!planKey) return;
    const [row] = await database.db.select().from(plan).where(eq(plan.key, planKey));
    if (!row) throw new Error(`no plan ${planKey} in the catalog`);
    await database.db
      .insert(organizationSubscription)
      .values({ organizationId, planId: row.id, status: "active", source: "comp" });
  }

  /**
   * An organization with an owner, plus a member of each given role (named "<role> of <slug>").
   * crmAccess grants them all CRM access (owners and admins have it by role anyway). On Free
   * unless `plan` names another catalog plan (comped): Free has 3 staff seats.
   */
  async function createOrg(
    slug: string,
    roles: MemberRole[] = [],
    options: { crmAccess?: boolean; plan?: string } = {},
  ) {
    const owner = await signUp(`Owner of ${slug}`);
    const caller = await owner.caller();
    const org = await caller.me.organizations.create({ name: `Org ${slug}`, slug });
    if (options.plan) await setPlan(org.id, options.plan);
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
      await billing.stop();
      await modelStandIn.close();
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
    setPlan,
    jobDeps,
    /**
     * The fixture's model stand-in (`fault(kind, times)`, `requests()`, `setTokenDelay(ms)`) and
     * the AiDeps procedures and jobs get (null when the test passed `ai: null`).
     */
    model: { standIn: modelStandIn, ai },
    /**
     * The fixture's Stripe: a local stand-in driven through the SDK (`stripe.client`), whose
     * signed webhooks reach the real endpoint (receiveStripeWebhook) over HTTP; `settle()` waits
     * for the deliveries and runs the processing jobs.
     */
    stripe: {
      ...billing,
      settle: async () => {
        await billing.standIn.waitForWebhooks();
        await runDueJobs(jobDeps, database.url);
      },
    },
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

/** The community domains' visibility matrix: the people who ask, and which space each sees. */
export const communityPeople = [
  "owner",
  "moderator",
  "insider",
  "outsider",
  "payer",
  "stranger",
] as const;
export type CommunityWho = (typeof communityPeople)[number];
export type CommunityVisibility = "public" | "private" | "paid";

// Staff see all; the space's member the private one; the tier holder the paid one; every member
// of acme the public one; nobody of another organization any.
export const communitySees: Record<CommunityVisibility, CommunityWho[]> = {
  public: ["owner", "moderator", "insider", "outsider", "payer"],
  private: ["owner", "moderator", "insider"],
  paid: ["owner", "moderator", "payer"],
};

/**
 * The matrix's world for a space type's tests: acme (on Pro) with its owner, a moderator and
 * three members (insider, outsider, payer), and other's owner (stranger); three spaces of `type`
 * named `slugs` (public; private, insider added; paid, opened by the Gold tier payer holds) and
 * a public discussion space "forum", for the "not this type" refusals.
 */
export async function createCommunityFixture(
  adminUrl: string,
  { type, slugs }: { type: SpaceType; slugs: Record<CommunityVisibility, string> },
) {
  const fx = await createApiFixture(adminUrl);
  const acme = await fx.createOrg("acme", ["moderator"], { plan: "pro" });
  const other = await fx.createOrg("other");
  const moderator = acme.members.moderator;
  if (!moderator) throw new Error("acme's moderator missing");
  const insider = await fx.addMember(acme.org.id, "member", { name: "insider" });
  const outsider = await fx.addMember(acme.org.id, "member", { name: "outsider" });
  const payer = await fx.addMember(acme.org.id, "member", { name: "payer" });
  const persons = { owner: acme.owner, moderator, insider, outsider, payer, stranger: other.owner };
  const callers = {} as Record<CommunityWho, Awaited<ReturnType<typeof insider.caller>>>;
  for (const who of communityPeople)
    callers[who] = await persons[who].caller(who === "stranger" ? "other" : "acme");

  const gold = await callers.owner.memberTier.create({ ...unpricedTierFields, name: "Gold" });
  await callers.owner.memberTier.grant({ memberId: payer.memberId, tierId: gold.id });
  const fields = { description: "", icon: "", section: "" };
  const create = (slug: string, visibility: CommunityVisibility, tierIds: string[] = []) =>
    callers.owner.space.create({ ...fields, type, name: slug, slug, visibility, tierIds });
  const ids = {
    public: (await create(slugs.public, "public")).id,
    private: (await create(slugs.private, "private")).id,
    paid: (await create(slugs.paid, "paid", [gold.id])).id,
    discussion: (
      await callers.owner.space.create({
        ...fields,
        type: "discussion",
        name: "Forum",
        slug: "forum",
        visibility: "public",
      })
    ).id,
  };
  await callers.owner.space.addMember({ spaceId: ids.private, memberId: insider.memberId });
  return { fx, acmeId: acme.org.id, persons, callers, ids };
}

/**
 * A Stripe stand-in for a test file, its deliveries POSTed to a small HTTP server that hands them
 * to the app's own webhook endpoint (verify, log, enqueue), as the host's route does.
 */
async function startFixtureStripe(db: ApiDeps["db"]): Promise<{
  standIn: StripeStandIn;
  stripe: StripeDeps;
  stop(): Promise<void>;
}> {
  let stripe: StripeDeps | null = null;
  const receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.from(chunk));
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(name, value);
    const response = await receiveStripeWebhook(
      { db, clock: systemClock, stripe },
      new Request("http://fixture/api/webhooks/stripe", {
        method: "POST",
        headers,
        body: Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const address = receiver.address();
  if (address === null || typeof address === "string") throw new Error("no webhook port");
  const standIn = await startStripeStandIn({
    webhookUrl: `http://127.0.0.1:${address.port}/api/webhooks/stripe`,
    retryDelaysMs: [50, 200, 500],
    tickMs: 0,
  });
  stripe = createStripe({
    secretKey: "sk_test_api_fixture",
    webhookSecret: standIn.webhookSecret,
    standIn: standIn.stripeConfig,
  });
  return {
    standIn,
    stripe,
    async stop() {
      await standIn.stop();
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    },
  };
}

/**
 * An event delivered to the app's webhook endpoint as Stripe delivers one: the JSON body signed
 * now with the stand-in's secret (a replay, a redelivery, an event rewritten by a test). Answers
 * the endpoint's response: the event is logged and its job enqueued, not yet run.
 */
export function deliverSigned(
  deps: Parameters<typeof receiveStripeWebhook>[0],
  webhookSecret: string,
  event: object,
): Promise<Response> {
  const body = JSON.stringify(event);
  return receiveStripeWebhook(
    deps,
    new Request("http://test/api/webhooks/stripe", {
      method: "POST",
      headers: {
        "stripe-signature": signPayload(body, webhookSecret, Math.floor(Date.now() / 1000)),
      },
      body,
    }),
  );
}

/** deliverSigned to a fixture's own stand-in and endpoint. */
export const deliverSignedToFixture = (fx: ApiFixture, event: object): Promise<Response> =>
  deliverSigned(
    { db: fx.db, clock: fx.jobDeps.clock, stripe: fx.stripe.stripe },
    fx.stripe.standIn.webhookSecret,
    event,
  );

/**
 * Pays a stand-in's hosted checkout page as a browser would (the form's Pay button); throws unless
 * the page redirects (303) as after a payment. Answers where it sends the browser.
 */
export async function payHostedCheckout(url: string): Promise<string | null> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ outcome: "pay", name: "Test Card" }).toString(),
    redirect: "manual",
  });
  if (response.status !== 303) throw new Error(`checkout payment answered ${response.status}`);
  return response.headers.get("location");
}

/** A member tier's fields with no price: tests spread the name and prices they need over it. */
export const unpricedTierFields = {
  description: "",
  currency: "usd" as const,
  monthlyPrice: null,
  yearlyPrice: null,
  lifetimePrice: null,
  trialDays: 0,
  sortOrder: 0,
};

/** An event about a record, as a stream sends it (not its own ready or resync). */
export type RecordEvent = Extract<StreamEvent, { target: unknown }>;

/**
 * A member's live event stream (realtime.events) in an organization, read as a browser reads it.
 * `next()` is the next event of any kind; `nextOf(prefixes)` skips to the next event about a
 * record whose kind starts with one of them (each fails after `ms` without one). Close it.
 */
export async function followEvents(
  person: {
    caller(orgSlug?: string, signal?: AbortSignal): ReturnType<typeof createCaller>;
  },
  orgSlug: string,
) {
  const abort = new AbortController();
  const api = await person.caller(orgSlug, abort.signal);
  const iterator = (await api.realtime.events({}))[Symbol.asyncIterator]();
  const next = async (ms = 5_000): Promise<StreamEvent> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
    });
    try {
      const result = await Promise.race([iterator.next(), timeout]);
      if (result.done) throw new Error("the stream ended");
      // A server-side caller yields tracked()'s envelope: [id, data].
      const [, data] = result.value as unknown as [string, StreamEvent];
      return data;
    } finally {
      clearTimeout(timer);
    }
  };
  const first = await next();
  if (first.kind !== "ready") throw new Error(`the stream began with ${first.kind}, not ready`);
  return {
    next,
    async nextOf(prefixes: readonly string[], ms = 5_000): Promise<RecordEvent> {
      for (;;) {
        const event = await next(ms);
        if ("target" in event && prefixes.some((prefix) => event.kind.startsWith(prefix)))
          return event;
      }
    },
    close: () => abort.abort(),
  };
}

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

/**
 * A refused call's code, reason and plan-limit figures (what the web's upgrade offer reads), and
 * its message; throws when the call went through.
 */
export async function planRefusalOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  const cause = error.cause instanceof AppError ? error.cause : null;
  return {
    code: error.code,
    reason: cause?.reason ?? null,
    planLimit: cause?.planLimit ?? null,
    message: error.message,
  };
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
