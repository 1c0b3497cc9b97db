// The platform admin console (issue 10 §3) through the whole procedure ladder on a real
// database: who reaches it, user search, bans that sign the person out everywhere (event streams
// included), impersonation (cookies, expiry, audit), and the Stripe event log's replay. The
// sweep (sweep.test.ts) covers every console procedure's refusals for everyone else.
import { randomUUID } from "node:crypto";
import {
  auditLog,
  desc,
  eq,
  organizationSubscription,
  plan,
  type StripeEventPayload,
  session,
  sql,
  stripeEvent,
  user,
} from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCaller } from "../index.ts";
import { IMPERSONATION_MINUTES } from "../schemas/admin.ts";
import { type ApiFixture, codeOf, createApiFixture, TEST_PASSWORD } from "../testing.ts";

let fx: ApiFixture;
type Person = Awaited<ReturnType<ApiFixture["signUp"]>>;
let admin: Person;

beforeAll(async () => {
  // Streams re-check their session every 200 ms here (30 s by default).
  fx = await createApiFixture(inject("pgAdminUrl"), { recheckIntervalMs: 200 });
  admin = await fx.signUp("Platform Admin");
  // What `pnpm db:setup-admin <email>` does.
  await fx.db.update(user).set({ role: "admin" }).where(eq(user.id, admin.id));
});
afterAll(() => fx.drop());

/** A caller with a given cookie header, whose answer's headers (Set-Cookie) the test can read. */
async function withCookies(cookie: string, slug?: string) {
  const headers = new Headers({ cookie });
  if (slug) headers.set("x-guild-org", slug);
  const responseHeaders = new Headers();
  const api = await createCaller(fx.deps, { headers, responseHeaders });
  return { api, responseHeaders };
}

/** `name=value` pairs of Set-Cookie lines, as the browser would send them back (cleared ones dropped). */
function cookiesFrom(responseHeaders: Headers): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of responseHeaders.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return jar;
}
const cookieHeader = (jar: Map<string, string>) =>
  [...jar]
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

async function auditRows(targetId: string) {
  return fx.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.targetId, targetId))
    .orderBy(desc(auditLog.at));
}

async function signInAgain(email: string) {
  return fx.auth.api.signInEmail({ body: { email, password: TEST_PASSWORD }, asResponse: true });
}

describe("who reaches the console", () => {
  it("is a platform admin's; anyone else gets NOT_FOUND, as for no such page", async () => {
    const someone = await fx.signUp("Someone");
    expect(await codeOf((await someone.caller()).admin.users.list({}))).toBe("NOT_FOUND");
    expect((await (await admin.caller()).me.session())?.platformAdmin).toBe(true);
    expect((await (await someone.caller()).me.session())?.platformAdmin).toBe(false);
  });

  it("turns off better-auth's own admin endpoints, which would act unaudited", async () => {
    const victim = await fx.signUp("Not banned by the side door");
    const response = await fx.auth.handler(
      new Request("http://localhost:3999/api/auth/admin/ban-user", {
        method: "POST",
        headers: {
          cookie: admin.cookie,
          "content-type": "application/json",
          origin: "http://localhost:3999",
        },
        body: JSON.stringify({ userId: victim.id }),
      }),
    );
    expect(response.status).toBe(404);
    const [row] = await fx.db.select().from(user).where(eq(user.id, victim.id));
    expect(row?.banned).toBe(false);
  });
});

describe("admin.users.list", () => {
  it("finds people by name or email with their organizations, a page at a time", async () => {
    const tag = `zq${randomUUID().slice(0, 6)}`;
    const org = await fx.createOrg(`${tag}-org`);
    await fx.db
      .update(user)
      .set({ name: `${tag} owner` })
      .where(eq(user.id, org.owner.id));
    for (let i = 0; i < 4; i++) await fx.signUp(`${tag} person ${i}`);
    const api = await admin.caller();
    const first = await api.admin.users.list({ query: tag, limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await api.admin.users.list({ query: tag, limit: 3, cursor: first.nextCursor });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((u) => u.id)).size).toBe(5);
    const owner = all.find((u) => u.id === org.owner.id);
    expect(owner?.organizations).toEqual([
      { id: org.org.id, slug: `${tag}-org`, name: `Org ${tag}-org`, role: "owner" },
    ]);
    // By email, case-insensitive, and a % typed is a percent sign, not a wildcard.
    const byEmail = await api.admin.users.list({ query: org.owner.email.toUpperCase() });
    expect(byEmail.items.map((u) => u.id)).toEqual([org.owner.id]);
    expect((await api.admin.users.list({ query: `${tag}%` })).items).toEqual([]);
  });
});

describe("banning", () => {
  it("signs the person out everywhere at once, audited; sign-in is refused until unbanned", async () => {
    const org = await fx.createOrg(`ban-${randomUUID().slice(0, 6)}`);
    const person = org.owner;
    // A second device.
    const other = await signInAgain(person.email);
    const otherCookie = other.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const slug = org.org.slug;
    // An open tab's event stream.
    const abort = new AbortController();
    const streamApi = await person.caller(slug, abort.signal);
    const iterator = (await streamApi.realtime.events({}))[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false); // ready

    const api = await admin.caller();
    const result = await api.admin.users.ban({ userId: person.id, reason: "Spam" });
    expect(result.sessionsRevoked).toBe(2);

    expect(await codeOf((await person.caller()).me.organizations.list())).toBe("UNAUTHORIZED");
    expect(await codeOf((await withCookies(otherCookie, slug)).api.organization.current())).toBe(
      "UNAUTHORIZED",
    );
    // The stream finds no session at its next check and ends with the refusal.
    const ended = await Promise.race([
      iterator.next().then(
        () => "event",
        (error: unknown) => codeOf(Promise.reject(error)),
      ),
      new Promise((resolve) => setTimeout(() => resolve("still open"), 5_000)),
    ]);
    abort.abort();
    expect(ended).toBe("UNAUTHORIZED");
    expect((await signInAgain(person.email)).status).toBe(403);

    const [banned] = (await api.admin.users.list({ query: person.email })).items;
    expect(banned).toMatchObject({ banned: true, banReason: "Spam", banExpires: null });
    const [audit] = await auditRows(person.id);
    expect(audit).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      action: "user.ban",
      targetType: "user",
      details: { reason: "Spam", expiresAt: null, sessionsRevoked: 2 },
    });

    await api.admin.users.unban({ userId: person.id });
    expect((await signInAgain(person.email)).status).toBe(200);
    expect((await auditRows(person.id)).map((r) => r.action)).toEqual(["user.unban", "user.ban"]);
    expect(await codeOf(api.admin.users.unban({ userId: person.id }))).toBe("CONFLICT");
  });

  it("keeps a ban's end, and refuses to ban oneself, another admin or no one", async () => {
    const person = await fx.signUp("Until tomorrow");
    const api = await admin.caller();
    const until = new Date(Date.now() + 86_400_000);
    await api.admin.users.ban({ userId: person.id, reason: "Cool down", expiresAt: until });
    const [row] = await fx.db.select().from(user).where(eq(user.id, person.id));
    expect(row?.banExpires?.getTime()).toBe(until.getTime());

    const otherAdmin = await fx.signUp("Other admin");
    await fx.db.update(user).set({ role: "admin" }).where(eq(user.id, otherAdmin.id));
    expect(await codeOf(api.admin.users.ban({ userId: otherAdmin.id, reason: "x" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(api.admin.users.ban({ userId: admin.id, reason: "x" }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(api.admin.users.ban({ userId: randomUUID(), reason: "x" }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await codeOf(
        api.admin.users.ban({
          userId: person.id,
          reason: "x",
          expiresAt: new Date(Date.now() - 1000),
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await codeOf(api.admin.users.ban({ userId: person.id, reason: "  " }))).toBe(
      "BAD_REQUEST",
    );
    // Refusals write nothing.
    expect((await auditRows(otherAdmin.id)).length).toBe(0);
  });
});

describe("impersonation", () => {
  it("signs the admin in as the user for 30 minutes, shown and audited, and gives the admin back on stop", async () => {
    const person = await fx.signUp("Impersonated");
    const start = await withCookies(admin.cookie);
    const started = await start.api.admin.impersonation.start({ userId: person.id });
    expect(started.user.id).toBe(person.id);
    const expected = Date.now() + IMPERSONATION_MINUTES * 60_000;
    expect(Math.abs(started.expiresAt.getTime() - expected)).toBeLessThan(10_000);

    // The browser now sends the impersonation session, with the admin's kept aside.
    const jar = new Map<string, string>();
    for (const part of admin.cookie.split("; ")) {
      const eq = part.indexOf("=");
      jar.set(part.slice(0, eq), part.slice(eq + 1));
    }
    for (const [k, v] of cookiesFrom(start.responseHeaders)) jar.set(k, v);
    const as = await withCookies(cookieHeader(jar));
    const seen = await as.api.me.session();
    expect(seen?.id).toBe(person.id);
    expect(seen?.platformAdmin).toBe(false);
    expect(seen?.impersonation?.endsAt.getTime()).toBe(started.expiresAt.getTime());
    // Acting as someone is not acting as admin.
    expect(await codeOf(as.api.admin.users.list({}))).toBe("NOT_FOUND");

    // better-auth's refresh (a day-old session would get 30 more days) leaves its end alone.
    await fx.auth.api.getSession({ headers: new Headers({ cookie: cookieHeader(jar) }) });
    const [row] = await fx.db
      .select()
      .from(session)
      .where(eq(session.userId, person.id))
      .orderBy(desc(session.createdAt));
    expect(row?.impersonatedBy).toBe(admin.id);
    expect(row?.expiresAt.getTime()).toBe(started.expiresAt.getTime());

    const stop = await withCookies(cookieHeader(jar));
    expect(await stop.api.admin.impersonation.stop()).toEqual({ restored: true });
    for (const [k, v] of cookiesFrom(stop.responseHeaders)) jar.set(k, v);
    const back = await withCookies(cookieHeader(jar));
    expect((await back.api.me.session())?.id).toBe(admin.id);
    expect(await codeOf(back.api.admin.users.list({}))).toBe("OK");
    // The impersonation session is gone.
    expect(await fx.db.select().from(session).where(eq(session.impersonatedBy, admin.id))).toEqual(
      [],
    );
    const audit = await auditRows(person.id);
    expect(audit.map((r) => [r.action, r.actorId])).toEqual([
      ["user.impersonate.stop", admin.id],
      ["user.impersonate.start", admin.id],
    ]);
  });

  it("ends by itself when its time is up", async () => {
    const person = await fx.signUp("Briefly impersonated");
    const start = await withCookies(admin.cookie);
    await start.api.admin.impersonation.start({ userId: person.id });
    const cookie = cookieHeader(cookiesFrom(start.responseHeaders));
    const as = await withCookies(cookie);
    expect((await as.api.me.session())?.id).toBe(person.id);
    // 30 minutes later (the session's end, moved to now: the server reads PostgreSQL's time).
    await fx.db
      .update(session)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(session.impersonatedBy, admin.id));
    const later = await withCookies(cookie);
    expect(await later.api.me.session()).toBeNull();
    expect(await codeOf(later.api.me.organizations.list())).toBe("UNAUTHORIZED");
  });

  it("cannot impersonate another admin, a banned user or oneself", async () => {
    const otherAdmin = await fx.signUp("Admin two");
    await fx.db.update(user).set({ role: "admin" }).where(eq(user.id, otherAdmin.id));
    const bannedOne = await fx.signUp("Banned one");
    const api = (await withCookies(admin.cookie)).api;
    await api.admin.users.ban({ userId: bannedOne.id, reason: "x" });
    expect(await codeOf(api.admin.impersonation.start({ userId: otherAdmin.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(api.admin.impersonation.start({ userId: bannedOne.id }))).toBe("CONFLICT");
    expect(await codeOf(api.admin.impersonation.start({ userId: admin.id }))).toBe("BAD_REQUEST");
    expect(await fx.db.select().from(session).where(eq(session.impersonatedBy, admin.id))).toEqual(
      [],
    );
    // Nobody to stop for a session that is no impersonation.
    expect(await codeOf(api.admin.impersonation.stop())).toBe("BAD_REQUEST");
  });
});

describe("the Stripe event log", () => {
  // Receipt times a millisecond apart, in call order: the column keeps milliseconds, and three
  // inserts within one would tie, ordered then by their random ids (a flaky order).
  let received = Date.now() - 60_000;
  async function logged(type: string, state: { processedAt?: Date; lastError?: string } = {}) {
    received += 1;
    const payload: StripeEventPayload = {
      id: `evt_admin_${randomUUID().replaceAll("-", "")}`,
      type,
      livemode: false,
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: "sub_admin", object: "subscription" } },
    };
    await fx.db.insert(stripeEvent).values({
      id: payload.id,
      type,
      livemode: false,
      payload,
      receivedAt: new Date(received),
      processedAt: state.processedAt ?? null,
      lastError: state.lastError ?? null,
      attempts: state.lastError ? 3 : 1,
    });
    return payload.id;
  }

  it("lists events newest first, filtered to failed or unprocessed, a page at a time", async () => {
    const type = `test.${randomUUID().slice(0, 8)}`;
    const done = await logged(type, { processedAt: new Date() });
    const failed = await logged(type, { lastError: "no such plan" });
    const waiting = await logged(type);
    const api = await admin.caller();
    const all = await api.admin.stripeEvents.list({ type, limit: 2 });
    const rest = await api.admin.stripeEvents.list({ type, limit: 2, cursor: all.nextCursor });
    expect([...all.items, ...rest.items].map((e) => e.id)).toEqual([waiting, failed, done]);
    expect(rest.nextCursor).toBeNull();
    const failedOnly = await api.admin.stripeEvents.list({ type, filter: "failed" });
    expect(failedOnly.items.map((e) => [e.id, e.lastError, e.attempts])).toEqual([
      [failed, "no such plan", 3],
    ]);
    const unprocessed = await api.admin.stripeEvents.list({ type, filter: "unprocessed" });
    expect(unprocessed.items.map((e) => e.id)).toEqual([waiting, failed]);
  });

  it("replays an event, processed or not: its processing runs again, audited", async () => {
    const type = `test.${randomUUID().slice(0, 8)}`;
    const processedAt = new Date(Date.now() - 60_000);
    const id = await logged(type, { processedAt });
    const api = await admin.caller();
    await api.admin.stripeEvents.replay({ id });
    const [waiting] = await fx.db.select().from(stripeEvent).where(eq(stripeEvent.id, id));
    expect(waiting?.processedAt).toBeNull();
    // The job runs (no handler for this type: processed without action).
    await fx.runJobs();
    const [after] = await fx.db.select().from(stripeEvent).where(eq(stripeEvent.id, id));
    expect(after?.processedAt?.getTime()).toBeGreaterThan(processedAt.getTime());
    expect(after?.attempts).toBe(2);
    const [audit] = await auditRows(id);
    expect(audit).toMatchObject({
      action: "stripe_event.replay",
      targetType: "stripe_event",
      actorId: admin.id,
      details: { type, wasProcessedAt: processedAt.toISOString() },
    });
    expect(await codeOf(api.admin.stripeEvents.replay({ id: "evt_nowhere" }))).toBe("NOT_FOUND");
  });

  it("shows the audit log to admins, newest first", async () => {
    const api = await admin.caller();
    const page = await api.admin.auditLog.list({ limit: 2 });
    expect(page.items.length).toBe(2);
    expect(page.items[0]!.at.getTime()).toBeGreaterThanOrEqual(page.items[1]!.at.getTime());
    expect(page.nextCursor).not.toBeNull();
  });
});

describe("organizations and comped plans", () => {
  it("lists organizations with member counts and plans, and comps a plan, audited", async () => {
    const tag = `co${randomUUID().slice(0, 6)}`;
    const acme = await fx.createOrg(`${tag}-acme`, ["member", "admin"]);
    const api = await admin.caller();
    const [pro] = await fx.db.select().from(plan).where(eq(plan.key, "pro"));
    const [business] = await fx.db.select().from(plan).where(eq(plan.key, "business"));
    if (!pro || !business) throw new Error("seeded plans missing");

    const listed = await api.admin.organizations.list({ query: tag });
    expect(listed.items).toEqual([
      expect.objectContaining({ id: acme.org.id, memberCount: 3, subscription: null }),
    ]);

    await api.admin.organizations.compPlan({
      organizationId: acme.org.id,
      planId: pro.id,
      seats: 12,
      reason: "Launch partner",
    });
    const comped = (await api.admin.organizations.list({ query: tag })).items[0];
    expect(comped?.subscription).toMatchObject({
      planKey: "pro",
      status: "active",
      source: "comp",
      seats: 12,
    });
    // A second comp replaces the first: one current subscription.
    await api.admin.organizations.compPlan({
      organizationId: acme.org.id,
      planId: business.id,
      seats: 3,
      reason: "Upgraded partner",
    });
    const rows = await fx.db
      .select()
      .from(organizationSubscription)
      .where(eq(organizationSubscription.organizationId, acme.org.id));
    expect(rows.map((r) => [r.source, r.status, r.seats]).sort()).toEqual([
      ["comp", "active", 3],
      ["comp", "canceled", 12],
    ]);
    await api.admin.organizations.endComp({ organizationId: acme.org.id });
    expect((await api.admin.organizations.list({ query: tag })).items[0]?.subscription).toBeNull();
    expect(await codeOf(api.admin.organizations.endComp({ organizationId: acme.org.id }))).toBe(
      "CONFLICT",
    );
    expect((await auditRows(acme.org.id)).map((r) => r.action)).toEqual([
      "organization.end_comp",
      "organization.comp_plan",
      "organization.comp_plan",
    ]);
    expect((await auditRows(acme.org.id))[2]?.details).toMatchObject({
      plan: "pro",
      seats: 12,
      reason: "Launch partner",
    });
  });

  it("does not comp over a paying subscription, nor a plan or organization that does not exist", async () => {
    const tag = `pay${randomUUID().slice(0, 6)}`;
    const paying = await fx.createOrg(`${tag}-org`);
    const [pro] = await fx.db.select().from(plan).where(eq(plan.key, "pro"));
    if (!pro) throw new Error("seeded plans missing");
    await fx.db.insert(organizationSubscription).values({
      organizationId: paying.org.id,
      planId: pro.id,
      status: "active",
      source: "stripe",
      stripeSubscriptionId: `sub_${tag}`,
    });
    const api = await admin.caller();
    const comp = { organizationId: paying.org.id, planId: pro.id, seats: 5, reason: "x" };
    expect(await codeOf(api.admin.organizations.compPlan(comp))).toBe("CONFLICT");
    expect(await codeOf(api.admin.organizations.compPlan({ ...comp, planId: randomUUID() }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await codeOf(api.admin.organizations.compPlan({ ...comp, organizationId: randomUUID() })),
    ).toBe("NOT_FOUND");
    expect(await codeOf(api.admin.organizations.compPlan({ ...comp, seats: 0 }))).toBe(
      "BAD_REQUEST",
    );
    expect(await auditRows(paying.org.id)).toEqual([]);
  });
});

describe("the plan catalog", () => {
  it("edits a plan's name, entitlements and whether it is offered, audited with the changes", async () => {
    const api = await admin.caller();
    const plans = await api.admin.plans.list();
    expect(plans.map((p) => p.key)).toEqual(expect.arrayContaining(["free", "pro", "business"]));
    const business = plans.find((p) => p.key === "business");
    if (!business) throw new Error("seeded Business plan missing");
    expect(business.prices.length).toBeGreaterThan(0);
    await api.admin.plans.update({
      id: business.id,
      name: "Business Plus",
      description: business.description,
      active: false,
      trialDays: business.trialDays,
      entitlements: { ...business.entitlements, spaces: 500 },
    });
    const after = (await api.admin.plans.list()).find((p) => p.id === business.id);
    expect(after).toMatchObject({
      name: "Business Plus",
      active: false,
      entitlements: { ...business.entitlements, spaces: 500 },
    });
    const [audit] = await auditRows(business.id);
    expect(audit?.action).toBe("plan.update");
    expect(Object.keys((audit?.details.changes ?? {}) as object).sort()).toEqual([
      "active",
      "entitlements",
      "name",
    ]);
    // Entitlements are checked: a negative limit is refused, nothing written.
    expect(
      await codeOf(
        api.admin.plans.update({
          id: business.id,
          name: "Broken",
          description: "",
          active: true,
          trialDays: 0,
          entitlements: { ...business.entitlements, spaces: -1 },
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect((await api.admin.plans.list()).find((p) => p.id === business.id)?.name).toBe(
      "Business Plus",
    );
  });
});
