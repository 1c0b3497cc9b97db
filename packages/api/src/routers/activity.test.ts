// The organization's audit log (activity.list) through the procedures: admins read what happened
// in their organization, newest first, a page at a time; moderators and members are refused
// before anything is read, and nothing of another organization shows.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let other: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["admin", "moderator", "member"], { plan: "business" });
  other = await fx.createOrg("other", ["member"], { plan: "business" });
});
afterAll(() => fx?.drop());

describe("activity.list", () => {
  it("shows admins who changed a role, newest first, and pages by cursor", async () => {
    const owner = await acme.owner.caller("acme");
    const memberId = acme.members.member!.memberId;
    await owner.member.changeRole({ id: memberId, role: "moderator" });
    await owner.member.changeRole({ id: memberId, role: "member" });
    const admin = await acme.members.admin!.caller("acme");
    const first = await admin.activity.list({ limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({
      action: "member.role_changed",
      targetId: memberId,
      actorName: "Owner of acme",
      changes: { role: { from: "moderator", to: "member" } },
    });
    expect(first.nextCursor).not.toBeNull();
    const second = await admin.activity.list({ limit: 1, cursor: first.nextCursor });
    expect(second.items[0]).toMatchObject({
      action: "member.role_changed",
      changes: { role: { from: "member", to: "moderator" } },
    });
  });

  it("refuses moderators and members before reading anything", async () => {
    for (const who of ["moderator", "member"] as const) {
      const person = acme.members[who];
      if (!person) throw new Error(`no ${who}`);
      const caller = await person.caller("acme");
      expect((await refusalOf(caller.activity.list({})))?.code).toBe("FORBIDDEN");
    }
  });

  it("never shows another organization's entries", async () => {
    const otherOwner = await other.owner.caller("other");
    await otherOwner.member.changeRole({ id: other.members.member!.memberId, role: "moderator" });
    const owner = await acme.owner.caller("acme");
    const { items } = await owner.activity.list({ limit: 100 });
    expect(items.map((i) => i.targetId)).not.toContain(other.members.member!.memberId);
    const theirs = await otherOwner.activity.list({ limit: 100 });
    expect(theirs.items.map((i) => i.targetId)).toEqual([other.members.member!.memberId]);
  });
});
