// The policies are pure: these tests need no database. The rungs and services that apply them
// are tested through real callers (routers/*.test.ts, rungs/resource.test.ts, sweep.test.ts).
import { type MemberRole, memberRoles } from "@guild/db/enums";
import { describe, expect, it } from "vitest";
import { hasCrmAccess, can as lead } from "./lead.ts";
import { can as member } from "./member.ts";
import { can as organization } from "./organization.ts";

const actor = (role: MemberRole, crmAccess = false) => ({
  memberId: `me-${role}`,
  role,
  crmAccess,
});
const target = (role: MemberRole) => ({ id: `them-${role}`, role });

/** Each role of memberRoles (highest first) mapped through fn. */
const byRole = <T>(fn: (role: MemberRole) => T) =>
  Object.fromEntries(memberRoles.map((role) => [role, fn(role)]));

describe("lead policy: the CRM is staff-only", () => {
  it("gives owners and admins CRM access by role, moderators and members by grant", () => {
    expect(byRole((role) => hasCrmAccess(actor(role)))).toEqual({
      owner: true,
      admin: true,
      moderator: false,
      member: false,
    });
    expect(byRole((role) => hasCrmAccess(actor(role, true)))).toEqual({
      owner: true,
      admin: true,
      moderator: true,
      member: true,
    });
  });

  it("lets staff read and write, and only admins and owners delete", () => {
    expect(byRole((role) => [lead(actor(role), "read"), lead(actor(role), "write")])).toEqual({
      owner: [true, true],
      admin: [true, true],
      moderator: [false, false],
      member: [false, false],
    });
    expect(byRole((role) => lead(actor(role, true), "delete"))).toEqual({
      owner: true,
      admin: true,
      moderator: false,
      member: false,
    });
  });
});

describe("member policy: only owners manage admins; admins manage the roles below them", () => {
  it("decides who manages whom, as one table", () => {
    // actor → the targets they may manage.
    const manages = byRole((role) =>
      memberRoles.filter((t) => member(actor(role), "manage", { target: target(t) })),
    );
    expect(manages).toEqual({
      owner: ["owner", "admin", "moderator", "member"],
      admin: ["moderator", "member"],
      moderator: [],
      member: [],
    });
  });

  it("applies the same rule to inviting, resending, revoking, changing roles and removing", () => {
    for (const role of memberRoles)
      for (const other of memberRoles) {
        const managed = member(actor(role), "manage", { target: target(other) });
        expect(member(actor(role), "invite", { role: other }), `${role} invites ${other}`).toBe(
          managed,
        );
        expect(member(actor(role), "manageInvitation", { role: other })).toBe(managed);
        expect(member(actor(role), "remove", { target: target(other) })).toBe(managed);
      }
    // Changing a role needs both the person's current role and the new one.
    expect(
      member(actor("admin"), "changeRole", { target: target("member"), role: "moderator" }),
    ).toBe(true);
    expect(member(actor("admin"), "changeRole", { target: target("member"), role: "admin" })).toBe(
      false,
    );
    expect(member(actor("admin"), "changeRole", { target: target("admin"), role: "member" })).toBe(
      false,
    );
    expect(member(actor("owner"), "changeRole", { target: target("owner"), role: "admin" })).toBe(
      true,
    );
  });

  it("grants CRM access only where the role does not already give it", () => {
    const grants = byRole((role) =>
      memberRoles.filter((t) => member(actor(role), "setCrmAccess", { target: target(t) })),
    );
    expect(grants).toEqual({
      owner: ["moderator", "member"],
      admin: ["moderator", "member"],
      moderator: [],
      member: [],
    });
  });

  it("shows contact details and invitations to admins; transfers ownership from an owner to someone else", () => {
    expect(byRole((role) => member(actor(role), "seeContactDetails"))).toEqual({
      owner: true,
      admin: true,
      moderator: false,
      member: false,
    });
    expect(byRole((role) => member(actor(role), "list"))).toEqual(byRole(() => true));
    expect(member(actor("owner"), "transferOwnership", { target: target("member") })).toBe(true);
    expect(
      member(actor("owner"), "transferOwnership", { target: { id: "me-owner", role: "owner" } }),
    ).toBe(false);
    expect(member(actor("admin"), "transferOwnership", { target: target("member") })).toBe(false);
  });
});

describe("organization policy", () => {
  it("lets admins update it and only owners delete it", () => {
    expect(
      byRole((role) => [organization(actor(role), "update"), organization(actor(role), "remove")]),
    ).toEqual({
      owner: [true, true],
      admin: [true, false],
      moderator: [false, false],
      member: [false, false],
    });
  });
});
