// Retention, as the scheduled jobs carry it out: the real runner runs the cron tasks with a test
// clock moved to just before, then just after, each deadline. Nothing goes early; everything goes
// on time.
import {
  activity,
  addressRateLimit,
  apiRateLimit,
  asSystem,
  createTestClock,
  eq,
  lead,
  rateLimit,
  SOFT_DELETE_RETENTION_DAYS,
  session,
  user,
  userRateLimit,
  verification,
  withTenant,
} from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCaller } from "../index.ts";
import { MEMBER_WRITE_BUDGET } from "../rate-limit.ts";
import { ACTIVITY_REQUEST_RETENTION_DAYS } from "../services/activity.ts";
import { type ApiFixture, createApiFixture } from "../testing.ts";
import { enqueueSystemJob } from "./system.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let fx: ApiFixture;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
});
afterAll(() => fx.drop());

/** Runs a scheduled task as its cron would, `offsetMs` from now. */
async function runScheduled(task: string, offsetMs: number) {
  const clock = createTestClock(offsetMs);
  await enqueueSystemJob(fx.db, clock, task, {});
  await fx.runJobs({ clock });
}

describe("daily organization maintenance", () => {
  it("purges soft-deleted leads after the retention period, not before", async () => {
    const { org, owner } = await fx.createOrg("retain-leads");
    const api = await owner.caller("retain-leads");
    const kept = await api.lead.create({ name: "Stays" });
    const deleted = await api.lead.create({ name: "Deleted" });
    await api.lead.remove({ ids: [deleted.id] });
    const leadIds = async () =>
      withTenant(fx.db, asSystem(org.id, "test"), async ({ db }) =>
        (await db.select({ id: lead.id }).from(lead)).map((r) => r.id).sort(),
      );

    await runScheduled("maintenance.organizations", SOFT_DELETE_RETENTION_DAYS * DAY - HOUR);
    expect(await leadIds()).toEqual([kept.id, deleted.id].sort());
    // Still restorable until then.
    await runScheduled("maintenance.organizations", SOFT_DELETE_RETENTION_DAYS * DAY + HOUR);
    expect(await leadIds()).toEqual([kept.id]);
  });

  it("forgets where requests came from after 90 days, keeping the entries", async () => {
    const { org, owner } = await fx.createOrg("retain-activity");
    const api = await createCaller(fx.deps, {
      headers: new Headers({
        cookie: owner.cookie,
        "x-guild-org": "retain-activity",
        "user-agent": "Retention test",
      }),
      clientAddress: "203.0.113.77",
    });
    const created = await api.lead.create({ name: "Logged" });
    // A request whose address the host could not tell still left its user agent.
    const noAddress = await createCaller(fx.deps, {
      headers: new Headers({
        cookie: owner.cookie,
        "x-guild-org": "retain-activity",
        "user-agent": "Retention test",
      }),
    });
    await noAddress.lead.update({ id: created.id, name: "Logged again" });
    const entries = () =>
      withTenant(fx.db, asSystem(org.id, "test"), ({ db }) =>
        db
          .select({ action: activity.action, ip: activity.ip, userAgent: activity.userAgent })
          .from(activity)
          .where(eq(activity.targetId, created.id))
          .orderBy(activity.createdAt),
      );
    expect(await entries()).toEqual([
      { action: "lead.created", ip: "203.0.113.77", userAgent: "Retention test" },
      { action: "lead.updated", ip: null, userAgent: "Retention test" },
    ]);

    await runScheduled("maintenance.organizations", ACTIVITY_REQUEST_RETENTION_DAYS * DAY - HOUR);
    expect((await entries())[0]?.ip).toBe("203.0.113.77");
    await runScheduled("maintenance.organizations", ACTIVITY_REQUEST_RETENTION_DAYS * DAY + HOUR);
    expect(await entries()).toEqual([
      { action: "lead.created", ip: null, userAgent: null },
      { action: "lead.updated", ip: null, userAgent: null },
    ]);
  });

  it("drops a member's rate-limit counters a day after their window started", async () => {
    const { org, owner } = await fx.createOrg("retain-counters");
    const api = await owner.caller("retain-counters");
    await api.lead.create({ name: "Counted" });
    const counters = () =>
      withTenant(fx.db, asSystem(org.id, "test"), async ({ db }) =>
        (await db.select({ key: apiRateLimit.key }).from(apiRateLimit)).map((r) => r.key),
      );
    expect(await counters()).toEqual([`write:${owner.memberId}`]);
    // A counter outlives its own window (MEMBER_WRITE_BUDGET's is minutes) for a day.
    expect(MEMBER_WRITE_BUDGET.windowSeconds * 1000).toBeLessThan(DAY);
    await runScheduled("maintenance.organizations", DAY - HOUR);
    expect(await counters()).toHaveLength(1);
    await runScheduled("maintenance.organizations", DAY + HOUR);
    expect(await counters()).toEqual([]);
  });
});

describe("hourly prune", () => {
  it("removes expired sessions and verifications, and day-old counters, nothing sooner", async () => {
    const person = await fx.signUp("Pruned");
    const now = Date.now();
    await fx.db
      .update(session)
      .set({ expiresAt: new Date(now + 2 * HOUR) })
      .where(eq(session.userId, person.id));
    await fx.db.insert(verification).values({
      identifier: `prune-${person.id}`,
      value: "token",
      expiresAt: new Date(now + 2 * HOUR),
    });
    await fx.db.insert(rateLimit).values({ key: `prune|${person.id}`, count: 1, lastRequest: now });
    await fx.db
      .insert(userRateLimit)
      .values({ userId: person.id, key: "prune", count: 1, windowStartedAt: new Date(now) });
    await fx.db.insert(addressRateLimit).values({
      key: "prune",
      addressHash: person.id,
      count: 1,
      windowStartedAt: new Date(now),
    });
    const left = async () => ({
      sessions: (await fx.db.select().from(session).where(eq(session.userId, person.id))).length,
      verifications: (
        await fx.db
          .select()
          .from(verification)
          .where(eq(verification.identifier, `prune-${person.id}`))
      ).length,
      rateLimits: (
        await fx.db
          .select()
          .from(rateLimit)
          .where(eq(rateLimit.key, `prune|${person.id}`))
      ).length,
      userRateLimits: (
        await fx.db.select().from(userRateLimit).where(eq(userRateLimit.userId, person.id))
      ).length,
      addressRateLimits: (
        await fx.db
          .select()
          .from(addressRateLimit)
          .where(eq(addressRateLimit.addressHash, person.id))
      ).length,
    });
    const all = { sessions: 1, verifications: 1, rateLimits: 1, userRateLimits: 1 };

    await runScheduled("maintenance.prune", HOUR);
    expect(await left()).toEqual({ ...all, addressRateLimits: 1 });
    await runScheduled("maintenance.prune", 3 * HOUR);
    expect(await left()).toEqual({
      ...all,
      sessions: 0,
      verifications: 0,
      addressRateLimits: 1,
    });
    await runScheduled("maintenance.prune", DAY + HOUR);
    expect(await left()).toEqual({
      sessions: 0,
      verifications: 0,
      rateLimits: 0,
      userRateLimits: 0,
      addressRateLimits: 0,
    });
    // The user themselves is untouched.
    expect(await fx.db.select().from(user).where(eq(user.id, person.id))).toHaveLength(1);
  });
});
