// The platform admin console: every procedure on the platform admin rung answers NOT_FOUND to
// anyone but a platform admin (visitors: UNAUTHORIZED; banned: FORBIDDEN). The inputs aim at
// the victim organization's people, so any success would be a ban or an impersonation of them.
import { eq, plan, type StripeEventPayload, stripeEvent } from "@guild/db";
import { sweepDomain } from "./define.ts";

interface AdminSeed {
  ownerId: string;
  eventId: string;
  organizationId: string;
  planId: string;
}

export const adminSweep = sweepDomain<AdminSeed>({
  async seed(victim) {
    const [owner] = await victim.fx.db.query.member.findMany({
      where: (m, { eq }) => eq(m.id, victim.memberIds.owner),
    });
    if (!owner) throw new Error("victim owner missing");
    // A logged Stripe event naming the victim organization (a replay would re-run it).
    const eventId = "evt_sweep_victim";
    const payload: StripeEventPayload = {
      id: eventId,
      type: "customer.subscription.updated",
      livemode: false,
      created: 1_700_000_000,
      data: { object: { id: "sub_victim", metadata: { organization_id: victim.organizationId } } },
    };
    await victim.fx.db
      .insert(stripeEvent)
      .values({ id: eventId, type: payload.type, livemode: false, payload })
      .onConflictDoNothing();
    const [pro] = await victim.fx.db.select().from(plan).where(eq(plan.key, "pro"));
    if (!pro) throw new Error("the seeded Pro plan is missing");
    return {
      ownerId: owner.userId,
      eventId,
      organizationId: victim.organizationId,
      planId: pro.id,
    };
  },
  procedures: {
    "admin.users.list": { access: "platformAdmin", input: () => ({ query: "Victim" }) },
    "admin.users.ban": {
      access: "platformAdmin",
      input: (s) => ({ userId: s.ownerId, reason: "sweep" }),
    },
    "admin.users.unban": { access: "platformAdmin", input: (s) => ({ userId: s.ownerId }) },
    "admin.impersonation.start": {
      access: "platformAdmin",
      input: (s) => ({ userId: s.ownerId }),
    },
    // The caller's own session, which is no impersonation: BAD_REQUEST for every signed-in caller.
    "admin.impersonation.stop": { access: "authed", input: () => undefined },
    "admin.stripeEvents.list": { access: "platformAdmin", input: () => ({}) },
    "admin.stripeEvents.replay": {
      access: "platformAdmin",
      input: (s) => ({ id: s.eventId }),
    },
    "admin.organizations.list": { access: "platformAdmin", input: () => ({ query: "victim" }) },
    "admin.organizations.compPlan": {
      access: "platformAdmin",
      input: (s) => ({
        organizationId: s.organizationId,
        planId: s.planId,
        seats: 50,
        reason: "sweep",
      }),
    },
    "admin.organizations.endComp": {
      access: "platformAdmin",
      input: (s) => ({ organizationId: s.organizationId }),
    },
    "admin.plans.list": { access: "platformAdmin", input: () => undefined },
    "admin.plans.update": {
      access: "platformAdmin",
      input: (s) => ({
        id: s.planId,
        name: "Swept",
        description: "",
        active: false,
        trialDays: 0,
        entitlements: {
          staffSeats: null,
          communityMembers: null,
          spaces: null,
          courses: null,
          monthlyCredits: 0,
          storageBytes: null,
        },
      }),
    },
    "admin.auditLog.list": { access: "platformAdmin", input: () => ({}) },
  },
});
