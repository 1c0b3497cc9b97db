import { asSystem, lead, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LEAD_BULK_LIMIT } from "../schemas/lead.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let rival: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  // "member" works the CRM (granted access); "moderator" does not.
  acme = await fx.createOrg("acme", ["member", "moderator", "admin"], { crmAccess: true });
  rival = await fx.createOrg("rival");
  await (await acme.owner.caller("acme")).member.setCrmAccess({
    id: acme.members.moderator!.memberId,
    crmAccess: false,
  });
});
afterAll(() => fx.drop());

/** Every live lead of an organization by name, read past RLS as the system. */
async function leadsOf(orgId: string) {
  return withTenant(fx.db, asSystem(orgId, "test"), async ({ db: tx }) => {
    const rows = await tx.select().from(lead);
    return new Map(rows.filter((row) => !row.deletedAt).map((row) => [row.name, row]));
  });
}

describe("lead bulk actions", () => {
  it("change the status of every lead the filter matches, logged per lead, once", async () => {
    const owner = await acme.owner.caller("acme");
    const api = await acme.members.member!.caller("acme");
    for (const name of ["Web One", "Web Two", "Web Three"])
      await owner.lead.create({ name, source: "website", company: "Webcorp" });
    await owner.lead.create({ name: "Web Won", source: "website", status: "won" });
    await owner.lead.create({ name: "Referred", source: "referral", company: "Webcorp" });
    // Another organization's leads match the same filter: they must not move.
    const theirs = await (await rival.owner.caller("rival")).lead.create({
      name: "Rival Web",
      source: "website",
    });

    const filter = { source: ["website" as const], status: ["new" as const] };
    expect(await api.lead.count(filter)).toEqual({ total: 3, capped: false });
    expect(await api.lead.bulkChangeStatus({ filter, status: "contacted" })).toEqual({
      changed: 3,
    });

    const after = await leadsOf(acme.org.id);
    for (const name of ["Web One", "Web Two", "Web Three"])
      expect(after.get(name)?.status, name).toBe("contacted");
    expect(after.get("Web Won")?.status).toBe("won");
    expect(after.get("Referred")?.status).toBe("new");
    expect((await leadsOf(rival.org.id)).get("Rival Web")?.status).toBe("new");
    expect(await api.lead.count(filter)).toEqual({ total: 0, capped: false });

    // Each lead's timeline says who changed it, from what to what, as a single change would.
    const webOne = after.get("Web One")!;
    const timeline = await api.lead.timeline({ id: webOne.id });
    expect(timeline.items[0]).toMatchObject({
      action: "lead.status_changed",
      actorName: acme.members.member!.name,
      changes: { status: { from: "new", to: "contacted" } },
    });

    // Sent again (a retry, a double click): nothing left to change, nothing logged twice.
    const again = await api.lead.bulkChangeStatus({
      filter: { source: ["website"] },
      status: "contacted",
    });
    expect(again).toEqual({ changed: 1 }); // only "Web Won" was not contacted yet
    expect((await api.lead.timeline({ id: webOne.id })).items).toHaveLength(timeline.items.length);
    expect(theirs.status).toBe("new");
  });

  it("applies to the chosen ids only, and only where they match the filter and organization", async () => {
    const owner = await acme.owner.caller("acme");
    const a = await owner.lead.create({ name: "Pick A", source: "event" });
    const b = await owner.lead.create({ name: "Pick B", source: "event" });
    const c = await owner.lead.create({ name: "Pick C", source: "social" });
    const stranger = await (await rival.owner.caller("rival")).lead.create({ name: "Not yours" });
    const result = await owner.lead.bulkChangeStatus({
      filter: { source: ["event"] },
      ids: [a.id, c.id, stranger.id],
      status: "qualified",
    });
    expect(result).toEqual({ changed: 1 });
    const after = await leadsOf(acme.org.id);
    expect(after.get("Pick A")?.status).toBe("qualified");
    expect(after.get("Pick B")?.status).toBe(b.status);
    expect(after.get("Pick C")?.status).toBe("new");
    expect((await leadsOf(rival.org.id)).get("Not yours")?.status).toBe("new");

    // A rival aiming at acme's ids in their own organization changes nothing anywhere.
    const rivalApi = await rival.owner.caller("rival");
    expect(
      await rivalApi.lead.bulkChangeStatus({ filter: {}, ids: [a.id, b.id], status: "lost" }),
    ).toEqual({ changed: 0 });
    expect(await rivalApi.lead.bulkRemove({ filter: {}, ids: [a.id] })).toEqual({ ids: [] });
    expect((await leadsOf(acme.org.id)).get("Pick A")?.status).toBe("qualified");
  });

  it("finds by search as the list does", async () => {
    const owner = await acme.owner.caller("acme");
    await owner.lead.create({ name: "Zebulon Quartz", email: "zq@quartz.example" });
    await owner.lead.create({ name: "Quartzite Mining", company: "Quartz Holdings" });
    await owner.lead.create({ name: "Unrelated Person" });
    const filter = { search: "quartz" };
    const listed = await owner.lead.list({ ...filter, limit: 100 });
    expect(await owner.lead.count(filter)).toEqual({ total: listed.items.length, capped: false });
    expect(listed.items).toHaveLength(2);
    await owner.lead.bulkChangeStatus({ filter, status: "proposal" });
    const after = await leadsOf(acme.org.id);
    expect(after.get("Zebulon Quartz")?.status).toBe("proposal");
    expect(after.get("Quartzite Mining")?.status).toBe("proposal");
    expect(after.get("Unrelated Person")?.status).toBe("new");
  });

  it("assigns an owner who works the CRM, logged as an edit of the owner", async () => {
    const owner = await acme.owner.caller("acme");
    const one = await owner.lead.create({ name: "Assign One", source: "outbound" });
    await owner.lead.create({ name: "Assign Two", source: "outbound" });
    const admin = acme.members.admin!;
    const moderator = acme.members.moderator!;
    // The moderator has no CRM access: no one to give leads to.
    const refused = await refusalOf(
      owner.lead.bulkAssign({
        filter: { source: ["outbound"] },
        ownerMemberId: moderator.memberId,
      }),
    );
    expect(refused).toEqual({ code: "BAD_REQUEST", fields: ["ownerMemberId"] });

    expect(
      await owner.lead.bulkAssign({
        filter: { source: ["outbound"] },
        ownerMemberId: admin.memberId,
      }),
    ).toEqual({ changed: 2 });
    const listed = await owner.lead.list({ ownerMemberId: admin.memberId, source: ["outbound"] });
    expect(listed.items.map((l) => l.ownerName)).toEqual([admin.name, admin.name]);
    expect((await owner.lead.timeline({ id: one.id })).items[0]).toMatchObject({
      action: "lead.updated",
      changes: { ownerMemberId: { from: null, to: admin.memberId } },
    });
    // Unassigning works the same way.
    expect(
      await owner.lead.bulkAssign({ filter: { source: ["outbound"] }, ownerMemberId: null }),
    ).toEqual({ changed: 2 });
  });

  it("deletes by filter for admins, with an Undo that restores them", async () => {
    const owner = await acme.owner.caller("acme");
    for (const name of ["Gone One", "Gone Two"])
      await owner.lead.create({ name, source: "other", company: "Gonecorp" });
    const filter = { search: "gonecorp" };
    const staff = await acme.members.member!.caller("acme");
    expect(await codeOf(staff.lead.bulkRemove({ filter }))).toBe("FORBIDDEN");
    expect(await codeOf((await acme.members.moderator!.caller("acme")).lead.count(filter))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(
        (await acme.members.moderator!.caller("acme")).lead.bulkChangeStatus({
          filter,
          status: "lost",
        }),
      ),
    ).toBe("FORBIDDEN");

    const admin = await acme.members.admin!.caller("acme");
    const { ids } = await admin.lead.bulkRemove({ filter });
    expect(ids).toHaveLength(2);
    expect(await admin.lead.count(filter)).toEqual({ total: 0, capped: false });
    expect(await admin.lead.bulkRemove({ filter })).toEqual({ ids: [] });
    const timeline = await admin.lead.restore({ ids });
    expect(timeline.ids.sort()).toEqual([...ids].sort());
    expect(await admin.lead.count(filter)).toEqual({ total: 2, capped: false });
    expect(
      (await admin.lead.timeline({ id: ids[0]! })).items
        .map((e) => e.type === "activity" && e.action)
        .slice(0, 2),
    ).toEqual(["lead.restored", "lead.deleted"]);
  });

  it(`refuses a selection of more than ${LEAD_BULK_LIMIT} leads and changes nothing`, async () => {
    const big = await fx.createOrg("big");
    await withTenant(fx.db, asSystem(big.org.id, "test"), async ({ db: tx }) => {
      await tx.insert(lead).values(
        Array.from({ length: LEAD_BULK_LIMIT + 1 }, (_, i) => ({
          organizationId: big.org.id,
          name: `Bulk ${i}`,
        })),
      );
    });
    const api = await big.owner.caller("big");
    expect(await api.lead.count({})).toEqual({ total: LEAD_BULK_LIMIT + 1, capped: false });
    const refused = await api.lead
      .bulkChangeStatus({ filter: {}, status: "lost" })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "BAD_REQUEST",
      message: `More than ${LEAD_BULK_LIMIT.toLocaleString("en")} leads match: narrow the filter and try again`,
    });
    expect([...(await leadsOf(big.org.id)).values()].some((row) => row.status === "lost")).toBe(
      false,
    );
    // One lead fewer fits: the whole set changes in one request.
    await api.lead.remove({ ids: [(await api.lead.list({ limit: 1 })).items[0]!.id] });
    expect(await api.lead.bulkChangeStatus({ filter: {}, status: "lost" })).toEqual({
      changed: LEAD_BULK_LIMIT,
    });
  });
});
