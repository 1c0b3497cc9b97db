// Staff seats on promotions (issue 10 §1): every way of making someone staff (a role change, a
// bulk role change, a CRM grant, an ownership transfer) is checked against the plan's staff seats
// as invitations are, under the same lock, and refused with PLAN_LIMIT changing nothing; a
// demotion or a change among staff never is. One rule says who is staff for the limit and for
// the quantity Stripe bills.
import { and, asSystem, eq, invitation, member, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, planRefusalOf } from "../testing.ts";
import { staffSeatsUsed } from "./organization-plan.ts";
import { countSeats } from "./seats.ts";

// Many calls per test, some concurrent: under a loaded machine's CPU they outlast the default 30 s.
let fx: ApiFixture;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
});
afterAll(() => fx.drop());

/** Free's refusal once its 3 staff seats are taken. */
const freeFull = {
  code: "FORBIDDEN",
  reason: "PLAN_LIMIT",
  planLimit: { entitlement: "staffSeats", limit: 3, current: 3, planKey: "free" },
  message: "The Free plan includes 3 staff seats and 3 are in use: upgrade to add more",
};

/** Every member of the organization: name → role and CRM access, read past RLS. */
async function peopleOf(organizationId: string) {
  const rows = await fx.sql<{ name: string; role: string; crm_access: boolean }[]>`
    select u.name, m.role, m.crm_access from member m join "user" u on u.id = m.user_id
    where m.organization_id = ${organizationId} order by u.name`;
  return rows.map((row) => `${row.name}: ${row.role}${row.crm_access ? " +crm" : ""}`);
}

/** The organization's activity entries of membership changes (none may be left by a refusal). */
async function roleActivities(organizationId: string) {
  const rows = await fx.sql<{ count: number }[]>`
    select count(*)::int as count from activity
    where organization_id = ${organizationId}
      and action in ('member.role_changed', 'member.crm_access_changed')`;
  return rows[0]?.count ?? 0;
}

/** Staff members and pending staff invitations, read past RLS: what the limit counts. */
async function staffCount(organizationId: string) {
  const rows = await fx.sql<{ count: number }[]>`
    select (select count(*) from member
            where organization_id = ${organizationId} and (role <> 'member' or crm_access))
         + (select count(*) from invitation
            where organization_id = ${organizationId} and status = 'pending' and role <> 'member'
              and expires_at > now()) as count`;
  return Number(rows[0]?.count ?? 0);
}

describe("a role change", { timeout: 120_000 }, () => {
  it("on Free, refuses to make a 4th staff member, and changes nothing", async () => {
    const { org, owner, members } = await fx.createOrg("promote-free", [
      "admin",
      "moderator",
      "member",
    ]);
    const api = await owner.caller("promote-free");
    const before = await peopleOf(org.id);
    for (const role of ["moderator", "admin", "owner"] as const)
      expect(
        await planRefusalOf(api.member.changeRole({ id: members.member!.memberId, role })),
        role,
      ).toEqual(freeFull);
    expect(await peopleOf(org.id)).toEqual(before);
    expect(await roleActivities(org.id)).toBe(0);
    // A change among staff adds no seat; a demotion frees one, which the promotion then takes.
    await api.member.changeRole({ id: members.moderator!.memberId, role: "admin" });
    await api.member.changeRole({ id: members.admin!.memberId, role: "member" });
    expect(
      (await api.member.changeRole({ id: members.member!.memberId, role: "moderator" })).role,
    ).toBe("moderator");
  });

  it("counts pending staff invitations, as an invitation does", async () => {
    const { owner, members } = await fx.createOrg("promote-pending", ["admin", "member"]);
    const api = await owner.caller("promote-pending");
    const invite = await api.invitation.create({ email: "late@pending.example", role: "admin" });
    expect(
      await planRefusalOf(
        api.member.changeRole({ id: members.member!.memberId, role: "moderator" }),
      ),
    ).toEqual(freeFull);
    await api.invitation.revoke({ id: invite.id });
    await api.member.changeRole({ id: members.member!.memberId, role: "moderator" });
  });

  it("never refuses a demotion or a change among staff, even over a downgraded plan's limit", async () => {
    const { org, owner, members } = await fx.createOrg("promote-over", ["admin", "moderator"], {
      plan: "business",
    });
    const extra = await fx.addMember(org.id, "admin", { name: "Extra admin" });
    await fx.setPlan(org.id, null);
    // 4 staff on Free's 3 seats.
    const api = await owner.caller("promote-over");
    await api.member.changeRole({ id: members.moderator!.memberId, role: "admin" });
    await api.member.changeRole({ id: extra.memberId, role: "moderator" });
    await api.member.changeRole({ id: members.admin!.memberId, role: "member" });
    // Still 3 staff: making the demoted admin staff again is refused.
    expect(
      (await planRefusalOf(api.member.changeRole({ id: members.admin!.memberId, role: "admin" })))
        .reason,
    ).toBe("PLAN_LIMIT");
  });

  it("on a plan with room, goes through", async () => {
    const { owner, members } = await fx.createOrg("promote-pro", ["admin", "moderator", "member"], {
      plan: "pro",
    });
    const api = await owner.caller("promote-pro");
    expect(
      (await api.member.changeRole({ id: members.member!.memberId, role: "admin" })).role,
    ).toBe("admin");
  });

  it("refuses transferring ownership to a member when it would take a 4th staff seat", async () => {
    const { org, owner, members } = await fx.createOrg("transfer-free", [
      "admin",
      "moderator",
      "member",
    ]);
    const api = await owner.caller("transfer-free");
    const before = await peopleOf(org.id);
    expect(
      await planRefusalOf(api.member.transferOwnership({ id: members.member!.memberId })),
    ).toEqual(freeFull);
    expect(await peopleOf(org.id)).toEqual(before);
    // To someone already staff, no seat is added.
    await api.member.transferOwnership({ id: members.admin!.memberId });
  });
});

describe("a bulk role change", { timeout: 120_000 }, () => {
  it("over the staff seats changes nobody; within them, changes everyone", async () => {
    const { org, owner } = await fx.createOrg("bulk-free", ["moderator"]);
    const joined = [];
    for (const name of ["Ann", "Ben", "Cid"])
      joined.push(await fx.addMember(org.id, "member", { name }));
    const api = await owner.caller("bulk-free");
    const before = await peopleOf(org.id);
    // Three members made moderators would be 5 staff on Free's 3 seats.
    expect(
      await planRefusalOf(api.member.bulkChangeRole({ filter: {}, role: "moderator" })),
    ).toEqual({
      ...freeFull,
      planLimit: { ...freeFull.planLimit, current: 2 },
      message: "The Free plan includes 3 staff seats and 2 are in use: upgrade to add more",
    });
    expect(await peopleOf(org.id)).toEqual(before);
    expect(await roleActivities(org.id)).toBe(0);
    // Two of them are too many still; one fits.
    const [ann, ben] = joined;
    expect(
      (
        await planRefusalOf(
          api.member.bulkChangeRole({
            filter: {},
            ids: [ann!.memberId, ben!.memberId],
            role: "admin",
          }),
        )
      ).reason,
    ).toBe("PLAN_LIMIT");
    expect(
      await api.member.bulkChangeRole({ filter: {}, ids: [ann!.memberId], role: "admin" }),
    ).toEqual({ changed: 1, skipped: 0 });
    // Demoting everyone but the owner is always allowed.
    expect(await api.member.bulkChangeRole({ filter: {}, role: "member" })).toEqual({
      changed: 2,
      skipped: 1,
    });
  });

  it("counts a member with CRM access as staff already: giving them a role takes no new seat", async () => {
    const { org, owner } = await fx.createOrg("bulk-crm", ["admin"]);
    await fx.addMember(org.id, "member", { name: "Crm one", crmAccess: true });
    const api = await owner.caller("bulk-crm");
    expect(
      await api.member.bulkChangeRole({ filter: { role: ["member"] }, role: "moderator" }),
    ).toEqual({ changed: 1, skipped: 0 });
  });
});

describe("a CRM grant", { timeout: 120_000 }, () => {
  it("to a member is refused once the staff seats are taken, and changes nothing", async () => {
    const { org, owner, members } = await fx.createOrg("crm-free", [
      "admin",
      "moderator",
      "member",
    ]);
    const api = await owner.caller("crm-free");
    expect(
      await planRefusalOf(
        api.member.setCrmAccess({ id: members.member!.memberId, crmAccess: true }),
      ),
    ).toEqual(freeFull);
    expect(await peopleOf(org.id)).toContain("member of crm-free: member");
    expect(await roleActivities(org.id)).toBe(0);
    // A moderator is staff already: their grant takes no seat. A revocation is always allowed.
    await api.member.setCrmAccess({ id: members.moderator!.memberId, crmAccess: true });
    await api.member.setCrmAccess({ id: members.moderator!.memberId, crmAccess: false });
  });

  it("frees a seat when revoked", async () => {
    const { org, owner, members } = await fx.createOrg("crm-revoke", ["admin", "member"]);
    const granted = await fx.addMember(org.id, "member", { name: "Granted", crmAccess: true });
    const api = await owner.caller("crm-revoke");
    await api.member.setCrmAccess({ id: granted.memberId, crmAccess: false });
    expect(
      (await api.member.setCrmAccess({ id: members.member!.memberId, crmAccess: true })).crmAccess,
    ).toBe(true);
  });
});

describe("at the same moment", { timeout: 120_000 }, () => {
  it("promotions, CRM grants and invitations together never exceed the staff seats", async () => {
    const { org, owner } = await fx.createOrg("seats-rush");
    const joined = [];
    for (let i = 0; i < 6; i++)
      joined.push(await fx.addMember(org.id, "member", { name: `Rusher ${i}` }));
    const api = await owner.caller("seats-rush");
    // The owner holds one of Free's 3 seats: of these nine, exactly two may go through.
    const results = await Promise.allSettled([
      ...joined
        .slice(0, 4)
        .map((m) => api.member.changeRole({ id: m.memberId, role: "moderator" })),
      ...joined.slice(4).map((m) => api.member.setCrmAccess({ id: m.memberId, crmAccess: true })),
      ...[0, 1, 2].map((i) =>
        api.invitation.create({ email: `r${i}@rush.example`, role: "admin" }),
      ),
    ]);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(results.length - refused.length).toBe(2);
    for (const reason of refused)
      expect(await planRefusalOf(Promise.reject(reason))).toMatchObject({ reason: "PLAN_LIMIT" });
    expect(await staffCount(org.id)).toBe(3);
  });

  it("a bulk promotion and single promotions at once never exceed the staff seats", async () => {
    const { org, owner } = await fx.createOrg("seats-rush-bulk");
    const joined = [];
    for (let i = 0; i < 4; i++)
      joined.push(await fx.addMember(org.id, "member", { name: `Bulk rusher ${i}` }));
    const api = await owner.caller("seats-rush-bulk");
    const [a, b, c, d] = joined;
    await Promise.allSettled([
      api.member.bulkChangeRole({ filter: {}, ids: [a!.memberId, b!.memberId], role: "admin" }),
      api.member.changeRole({ id: c!.memberId, role: "moderator" }),
      api.member.changeRole({ id: d!.memberId, role: "moderator" }),
      api.member.setCrmAccess({ id: a!.memberId, crmAccess: true }),
    ]);
    expect(await staffCount(org.id)).toBeLessThanOrEqual(3);
    expect(await staffCount(org.id)).toBeGreaterThanOrEqual(2);
  });
});

describe("who is staff", { timeout: 120_000 }, () => {
  it("the limit and the billed quantity count by the same rule", async () => {
    const { org } = await fx.createOrg("staff-rule", ["admin", "moderator", "member"]);
    await fx.addMember(org.id, "member", { name: "Crm member", crmAccess: true });
    await fx.db.insert(invitation).values({
      organizationId: org.id,
      email: "pending@rule.example",
      role: "moderator",
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const { counts, billed } = await withTenant(fx.db, asSystem(org.id, "test"), async (scope) => ({
      counts: await countSeats(scope.db, org.id, scope.now()),
      billed: await staffSeatsUsed(scope),
    }));
    // Owner, admin, moderator and the member with CRM access: 4 staff members, billed; the
    // pending moderator invitation holds a 5th seat against the limit, billed once accepted.
    expect(billed).toBe(4);
    expect(counts).toEqual({
      staffSeats: 5,
      communityMembers: 1,
      pending: { staffSeats: 1, communityMembers: 0 },
    });
    const plain = await fx.db
      .select({ id: member.id })
      .from(member)
      .where(and(eq(member.organizationId, org.id), eq(member.role, "member")));
    expect(plain).toHaveLength(2);
  });
});
