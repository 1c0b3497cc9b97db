// The write budget every organization mutation spends from (MEMBER_WRITE_BUDGET, trpc.ts): what
// counts, whose budget it is, and when it comes back. Over HTTP it is in apps/server's
// abuse.test.ts.
import { createTestClock } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCaller } from "./index.ts";
import { MEMBER_WRITE_BUDGET } from "./rate-limit.ts";
import { type ApiFixture, codeOf, createApiFixture } from "./testing.ts";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
});
afterAll(() => fx.drop());

describe("write budget per member", () => {
  it("counts changes that succeed, not failed ones nor reads, and comes back after the window", async () => {
    const { owner } = await fx.createOrg("budget");
    const clock = createTestClock();
    const api = await createCaller(
      { ...fx.deps, clock },
      { headers: new Headers({ cookie: owner.cookie, "x-guild-org": "budget" }) },
    );
    // Refused changes (a missing lead) and reads cost nothing.
    const missing = "00000000-0000-4000-8000-000000000000";
    for (let i = 0; i < 20; i++) {
      expect(await codeOf(api.lead.update({ id: missing, name: "Ghost" }))).toBe("NOT_FOUND");
      await api.lead.list({});
    }
    await Promise.all(
      Array.from({ length: MEMBER_WRITE_BUDGET.max }, (_, i) => api.lead.create({ name: `L${i}` })),
    );
    expect(await codeOf(api.lead.create({ name: "One too many" }))).toBe("TOO_MANY_REQUESTS");
    // A read still works, and so does another organization's budget of the same person.
    expect((await api.lead.list({ limit: 1 })).items).toHaveLength(1);
    await (await owner.caller()).me.organizations.create({ name: "Elsewhere", slug: "budget-2" });
    await (await owner.caller("budget-2")).lead.create({ name: "Elsewhere" });

    clock.advance(MEMBER_WRITE_BUDGET.windowSeconds * 1000);
    await api.lead.create({ name: "Next window" });
  });
});
