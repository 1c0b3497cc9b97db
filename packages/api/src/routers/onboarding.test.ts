import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, codeOf, createApiFixture } from "../testing.ts";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
});
afterAll(() => fx.drop());

describe("organization.onboarding", () => {
  it("ticks each step off from the organization's real data", async () => {
    const org = await fx.createOrg("fresh");
    const owner = await org.owner.caller("fresh");
    expect(await owner.organization.onboarding()).toEqual([
      { id: "invite", done: false },
      { id: "leads", done: false },
    ]);

    await owner.invitation.create({ email: "first-colleague@test.example", role: "member" });
    const lead = await owner.lead.create({ name: "First lead" });
    expect(await owner.organization.onboarding()).toEqual([
      { id: "invite", done: true },
      { id: "leads", done: true },
    ]);

    // A lead in the bin is not a lead any more.
    await owner.lead.remove({ ids: [lead.id] });
    expect(await owner.organization.onboarding()).toContainEqual({ id: "leads", done: false });
  });

  it("counts a member who joined without an invitation, and is for owners only", async () => {
    const org = await fx.createOrg("team-onboarding", ["admin"]);
    const owner = await org.owner.caller("team-onboarding");
    expect(await owner.organization.onboarding()).toContainEqual({ id: "invite", done: true });
    const admin = await org.members.admin!.caller("team-onboarding");
    expect(await codeOf(admin.organization.onboarding())).toBe("FORBIDDEN");
  });
});
