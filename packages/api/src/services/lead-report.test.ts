import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, codeOf, createApiFixture } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member"], { crmAccess: true });
  const owner = await acme.owner.caller("acme");
  const member = await acme.members.member!.caller("acme");
  // Six leads walked through the funnel: how far each got decides the conversion.
  const walk = async (
    api: typeof owner,
    name: string,
    valueCents: number,
    path: Array<"contacted" | "qualified" | "proposal" | "negotiation" | "won" | "lost">,
    ownerMemberId: string,
  ) => {
    const created = await api.lead.create({ name, valueCents, ownerMemberId });
    for (const status of path) await api.lead.changeStatus({ id: created.id, status });
  };
  const mine = acme.owner.memberId;
  const theirs = acme.members.member!.memberId;
  await walk(owner, "Stays new", 1_000_00, [], mine);
  await walk(owner, "Contacted only", 2_000_00, ["contacted"], mine);
  await walk(owner, "Lost after qualifying", 3_000_00, ["contacted", "qualified", "lost"], mine);
  await walk(
    owner,
    "Won the long way",
    4_000_00,
    ["contacted", "qualified", "proposal", "negotiation", "won"],
    mine,
  );
  // Straight to won: it passed every stage before, for the funnel.
  await walk(member, "Won at once", 5_000_00, ["won"], theirs);
  await walk(member, "Member's proposal", 6_000_00, ["contacted", "qualified", "proposal"], theirs);
});
afterAll(() => fx.drop());

describe("lead.salesReport", () => {
  it("counts how far each lead got, and what share of each stage moved on", async () => {
    const report = await (await acme.owner.caller("acme")).lead.salesReport({});
    expect(report.stages.find((s) => s.status === "won")).toEqual({
      status: "won",
      count: 2,
      valueCents: 9_000_00,
    });
    expect(report.stages.reduce((n, s) => n + s.count, 0)).toBe(6);
    expect(report.conversion.map((c) => [c.from, c.to, c.reached, c.advanced])).toEqual([
      ["new", "contacted", 6, 5],
      ["contacted", "qualified", 5, 4],
      ["qualified", "proposal", 4, 3],
      ["proposal", "negotiation", 3, 2],
      ["negotiation", "won", 2, 2],
    ]);
    expect(report.conversion[0]?.rate).toBeCloseTo(5 / 6);
    // Won this month (UTC): both wins, with their values.
    const month = new Date().toISOString().slice(0, 7);
    expect(report.wonByMonth).toEqual([{ month, leads: 2, valueCents: 9_000_00 }]);
  });

  it("narrows to my deals, and to leads created in the period", async () => {
    const member = await acme.members.member!.caller("acme");
    const mine = await member.lead.salesReport({ mine: true });
    expect(mine.stages.reduce((n, s) => n + s.count, 0)).toBe(2);
    expect(mine.wonByMonth).toEqual([expect.objectContaining({ leads: 1, valueCents: 5_000_00 })]);
    const future = await member.lead.salesReport({ from: new Date(Date.now() + 86_400_000) });
    expect(future.stages.every((s) => s.count === 0)).toBe(true);
    expect(future.conversion.every((c) => c.rate === null)).toBe(true);
    expect(future.wonByMonth).toEqual([]);
  });

  it("refuses a period that ends before it starts, on the field", async () => {
    const owner = await acme.owner.caller("acme");
    expect(
      await codeOf(
        owner.lead.salesReport({ from: new Date(2026, 5, 1), to: new Date(2026, 0, 1) }),
      ),
    ).toBe("BAD_REQUEST");
  });
});
