// Entitlements (issue 10 §1, §5): over-limit invitations are refused with PLAN_LIMIT and change
// nothing, pending invitations hold seats, acceptance checks the plan again, a subscription's
// status decides which plan applies, and a downgrade deletes nothing.
import {
  and,
  asSystem,
  eq,
  invitation,
  lead,
  member,
  organizationSubscription,
  plan,
  user,
  withTenant,
} from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "../errors.ts";
import { createFetchHandler } from "../index.ts";
import { type ApiFixture, createApiFixture, planRefusalOf } from "../testing.ts";
import { requireEntitlement } from "./entitlements.ts";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
});
afterAll(() => fx.drop());

const pendingOf = async (organizationId: string) =>
  (
    await fx.db
      .select({ email: invitation.email })
      .from(invitation)
      .where(and(eq(invitation.organizationId, organizationId), eq(invitation.status, "pending")))
  )
    .map((i) => i.email)
    .sort();

describe("staff seats", () => {
  it("on Free, counts pending staff invitations: the 4th staff seat is refused and nothing is written", async () => {
    const { org, owner } = await fx.createOrg("seats-free");
    const api = await owner.caller("seats-free");
    // The owner is one of Free's 3 staff seats; two staff invitations take the other two.
    await api.invitation.create({ email: "a1@seats.example", role: "admin" });
    await api.invitation.create({ email: "m1@seats.example", role: "moderator" });
    expect(
      await planRefusalOf(api.invitation.create({ email: "a2@seats.example", role: "admin" })),
    ).toEqual({
      code: "FORBIDDEN",
      reason: "PLAN_LIMIT",
      planLimit: { entitlement: "staffSeats", limit: 3, current: 3, planKey: "free" },
      message: "The Free plan includes 3 staff seats and 3 are in use: upgrade to add more",
    });
    expect(await pendingOf(org.id)).toEqual(["a1@seats.example", "m1@seats.example"]);
    // Community members have a limit of their own: a member invitation still goes out.
    await api.invitation.create({ email: "c1@seats.example", role: "member" });
    // A revoked invitation gives its seat back.
    const [moderatorInvite] = (await api.invitation.list()).filter((i) => i.role === "moderator");
    await api.invitation.revoke({ id: moderatorInvite?.id ?? "" });
    await api.invitation.create({ email: "a2@seats.example", role: "admin" });
    expect(await pendingOf(org.id)).toEqual([
      "a1@seats.example",
      "a2@seats.example",
      "c1@seats.example",
    ]);
  });

  it("counts members with CRM access as staff", async () => {
    const { org, owner } = await fx.createOrg("seats-crm");
    await fx.addMember(org.id, "member", { crmAccess: true });
    await fx.addMember(org.id, "member", { crmAccess: true });
    const api = await owner.caller("seats-crm");
    expect(
      (await planRefusalOf(api.invitation.create({ email: "mod@crm.example", role: "moderator" })))
        .planLimit,
    ).toEqual({ entitlement: "staffSeats", limit: 3, current: 3, planKey: "free" });
    expect(await api.entitlement.current()).toMatchObject({
      key: "free",
      usage: { staffSeats: 3, communityMembers: 0 },
    });
  });

  it("gives the last seat to one of many simultaneous invitations", async () => {
    const { org, owner } = await fx.createOrg("seats-race");
    const api = await owner.caller("seats-race");
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        api.invitation.create({ email: `r${i}@race.example`, role: "admin" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(await pendingOf(org.id)).toHaveLength(2);
  });

  it("checks the plan again at acceptance: after a downgrade the invitation stays open, no member is added", async () => {
    const { org, owner } = await fx.createOrg("seats-accept", ["admin", "moderator"], {
      plan: "business",
    });
    const api = await owner.caller("seats-accept");
    const invitee = await fx.signUp("Late admin");
    const invite = await api.invitation.create({ email: invitee.email, role: "admin" });
    // Back on Free (3 staff seats): the owner, the admin and the moderator fill them.
    await fx.setPlan(org.id, null);
    const refused = await planRefusalOf(
      (await invitee.caller()).me.invitations.accept({ id: invite.id }),
    );
    expect(refused).toMatchObject({
      code: "FORBIDDEN",
      reason: "PLAN_LIMIT",
      planLimit: { entitlement: "staffSeats", limit: 3, current: 3, planKey: "free" },
    });
    expect(await pendingOf(org.id)).toEqual([invitee.email]);
    const members = await fx.db.select().from(member).where(eq(member.userId, invitee.id));
    expect(members).toEqual([]);
    // Upgraded again: the same invitation is accepted.
    await fx.setPlan(org.id, "pro");
    await (await invitee.caller()).me.invitations.accept({ id: invite.id });
    expect(await fx.db.select().from(member).where(eq(member.userId, invitee.id))).toHaveLength(1);
  });

  it("on a per-seat price, staff may grow past the seats bought up to the plan's cap (seats follow staff)", async () => {
    const { org, owner } = await fx.createOrg("seats-per-seat");
    const [pro] = await fx.db.select().from(plan).where(eq(plan.key, "pro"));
    const [price] = await fx.sql<{ id: string }[]>`
      select id from plan_price where lookup_key = 'pro_month_usd'`;
    await fx.db.insert(organizationSubscription).values({
      organizationId: org.id,
      planId: pro?.id ?? "",
      planPriceId: price?.id ?? null,
      status: "active",
      source: "stripe",
      stripeSubscriptionId: "sub_per_seat_test",
      seats: 2,
    });
    const api = await owner.caller("seats-per-seat");
    // Two seats bought, the owner holds one: a second and a third staff invitation both go
    // through (the sync job bills them once accepted); the cap is Pro's own.
    await api.invitation.create({ email: "s1@per-seat.example", role: "admin" });
    await api.invitation.create({ email: "s2@per-seat.example", role: "admin" });
    const current = await api.entitlement.current();
    expect(current.entitlements.staffSeats).toBe(50);
  });
});

describe("community members", () => {
  it("refuses the 101st community member on Free, counting pending member invitations", async () => {
    const { org, owner } = await fx.createOrg("community-free");
    // 99 members joined (straight into the table: sign-ups would take minutes) + 1 invitation.
    const people = await fx.db
      .insert(user)
      .values(
        Array.from({ length: 99 }, (_, i) => ({
          name: `Member ${i}`,
          email: `member${i}@community.example`,
          emailVerified: true,
        })),
      )
      .returning({ id: user.id });
    await fx.db
      .insert(member)
      .values(
        people.map((p) => ({ organizationId: org.id, userId: p.id, role: "member" as const })),
      );
    const api = await owner.caller("community-free");
    await api.invitation.create({ email: "hundredth@community.example", role: "member" });
    expect(
      await planRefusalOf(
        api.invitation.create({ email: "extra@community.example", role: "member" }),
      ),
    ).toMatchObject({
      code: "FORBIDDEN",
      reason: "PLAN_LIMIT",
      planLimit: { entitlement: "communityMembers", limit: 100, current: 100, planKey: "free" },
    });
    // Staff seats are counted apart: an admin can still be invited.
    await api.invitation.create({ email: "staff@community.example", role: "admin" });
    // On Pro (5,000 community members) the same invitation goes out.
    await fx.setPlan(org.id, "pro");
    await api.invitation.create({ email: "extra@community.example", role: "member" });
  });
});

describe("which plan applies", () => {
  it("follows the subscription's status: trialing, active and past_due within grace keep the plan; the rest is Free", async () => {
    const { org, owner } = await fx.createOrg("plan-status");
    await fx.setPlan(org.id, "business");
    const api = await owner.caller("plan-status");
    const hour = 3_600_000;
    const cases = [
      { status: "trialing", graceUntil: null, plan: "business" },
      { status: "active", graceUntil: null, plan: "business" },
      { status: "past_due", graceUntil: new Date(Date.now() + hour), plan: "business" },
      { status: "past_due", graceUntil: new Date(Date.now() - hour), plan: "free" },
      { status: "unpaid", graceUntil: null, plan: "free" },
      { status: "paused", graceUntil: null, plan: "free" },
      { status: "incomplete", graceUntil: null, plan: "free" },
      { status: "canceled", graceUntil: null, plan: "free" },
    ] as const;
    for (const c of cases) {
      await fx.db
        .update(organizationSubscription)
        .set({ status: c.status, graceUntil: c.graceUntil })
        .where(eq(organizationSubscription.organizationId, org.id));
      const current = await api.entitlement.current();
      expect({ status: c.status, plan: current.key }, c.status).toEqual({
        status: c.status,
        plan: c.plan,
      });
      // The owner sees the subscription behind it, even one that grants nothing now.
      if (c.status !== "canceled")
        expect(current.subscription).toMatchObject({
          status: c.status,
          planKey: "business",
          applies: c.plan === "business",
        });
      else expect(current.subscription).toBeNull();
    }
  });

  it("shows the subscription behind the plan to admins only", async () => {
    const { org, members } = await fx.createOrg("plan-private", ["member", "admin"]);
    await fx.setPlan(org.id, "pro");
    const memberView = await (await members.member!.caller("plan-private")).entitlement.current();
    expect(memberView).toMatchObject({ key: "pro", subscription: null });
    const adminView = await (await members.admin!.caller("plan-private")).entitlement.current();
    expect(adminView.subscription).toMatchObject({ status: "active", source: "comp" });
  });

  it("checks spaces and courses for the domains that add them, in jobs as in requests", async () => {
    const { org } = await fx.createOrg("plan-spaces");
    const check = (what: "spaces" | "courses", current: number) =>
      withTenant(fx.db, asSystem(org.id, "test"), (scope) =>
        requireEntitlement(scope, what, { current }),
      ).then(
        () => "allowed",
        (e: unknown) => (e instanceof AppError ? `${e.reason}: ${e.message}` : String(e)),
      );
    expect(await check("spaces", 2)).toBe("allowed");
    expect(await check("spaces", 3)).toBe(
      "PLAN_LIMIT: The Free plan includes 3 spaces and 3 are in use: upgrade to add more",
    );
    expect(await check("courses", 1)).toBe(
      "PLAN_LIMIT: The Free plan includes 1 course and 1 is in use: upgrade to add more",
    );
    await fx.setPlan(org.id, "business");
    expect(await check("spaces", 10_000)).toBe("allowed");
  });
});

describe("a downgrade", () => {
  it("deletes nothing: members, invitations and data stay; only adding more is refused", async () => {
    const { org, owner } = await fx.createOrg("downgrade", ["admin", "moderator"], {
      plan: "business",
    });
    await fx.addMember(org.id, "admin");
    const api = await owner.caller("downgrade");
    await api.invitation.create({ email: "extra-admin@downgrade.example", role: "admin" });
    await api.lead.create({ name: "Kept lead" });
    const state = async () => ({
      members: (
        await fx.db
          .select({ role: member.role })
          .from(member)
          .where(eq(member.organizationId, org.id))
      )
        .map((m) => m.role)
        .sort(),
      pending: await pendingOf(org.id),
      leads: (
        await withTenant(fx.db, asSystem(org.id, "test"), ({ db }) =>
          db.select({ name: lead.name }).from(lead),
        )
      ).map((l) => l.name),
    });
    const before = await state();
    expect(before.members).toEqual(["admin", "admin", "moderator", "owner"]);

    await fx.setPlan(org.id, null);
    expect(await state()).toEqual(before);
    expect(await api.entitlement.current()).toMatchObject({
      key: "free",
      usage: { staffSeats: 5 },
      entitlements: { staffSeats: 3 },
    });
    expect(
      (
        await planRefusalOf(
          api.invitation.create({ email: "more@downgrade.example", role: "moderator" }),
        )
      ).reason,
    ).toBe("PLAN_LIMIT");
    // The people already there keep working.
    expect((await api.lead.list({})).items.map((l) => l.name)).toEqual(["Kept lead"]);
  });
});

describe("over HTTP", () => {
  it("a PLAN_LIMIT refusal carries its reason and figures in the error's data", async () => {
    const { owner } = await fx.createOrg("plan-http");
    const api = await owner.caller("plan-http");
    await api.invitation.create({ email: "h1@http.example", role: "admin" });
    await api.invitation.create({ email: "h2@http.example", role: "admin" });
    const handle = createFetchHandler(fx.deps, { endpoint: "/api/trpc" });
    const response = await handle(
      new Request("http://localhost/api/trpc/invitation.create", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: owner.cookie,
          "x-guild-org": "plan-http",
          origin: "http://localhost",
        },
        body: JSON.stringify({ json: { email: "h3@http.example", role: "admin" } }),
      }),
    );
    expect(response.status).toBe(403);
    const body: unknown = await response.json();
    expect(body).toMatchObject({
      error: {
        json: {
          data: {
            code: "FORBIDDEN",
            reason: "PLAN_LIMIT",
            planLimit: { entitlement: "staffSeats", limit: 3, current: 3, planKey: "free" },
          },
        },
      },
    });
  });

  it("plan.list shows the active catalog to anyone, signed out, without Stripe ids", async () => {
    const plans = await (await fx.anonymous()).plan.list();
    expect(plans.map((p) => [p.key, p.trialDays, p.prices.map((x) => x.interval)])).toEqual([
      ["free", 0, []],
      ["pro", 14, ["month", "year"]],
      ["business", 0, ["month", "year", "lifetime"]],
    ]);
    expect(JSON.stringify(plans)).not.toMatch(/stripe|prod_|price_/i);
    // A retired plan is not offered.
    await fx.db.update(plan).set({ active: false }).where(eq(plan.key, "business"));
    try {
      expect((await (await fx.anonymous()).plan.list()).map((p) => p.key)).toEqual(["free", "pro"]);
    } finally {
      await fx.db.update(plan).set({ active: true }).where(eq(plan.key, "business"));
    }
  });
});
