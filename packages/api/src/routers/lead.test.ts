import { asSystem, lead, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MAX_LEAD_VALUE_CENTS } from "../schemas/lead.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  // The member works the pipeline: an admin granted them CRM access.
  acme = await fx.createOrg("acme", ["member", "admin"], { crmAccess: true });
});
afterAll(() => fx.drop());

async function leadCount(orgId: string) {
  return withTenant(
    fx.db,
    asSystem(orgId, "test"),
    async ({ db: tx }) => (await tx.select().from(lead)).length,
  );
}

describe("lead", () => {
  it("creates, reads, updates and moves a lead through the pipeline", async () => {
    const api = await acme.members.member!.caller("acme");
    const created = await api.lead.create({
      name: "  Ada Lovelace ",
      email: "ADA@Example.com",
      company: "Analytical Engines",
      valueCents: 125_000,
      ownerMemberId: acme.owner.memberId,
    });
    expect(created).toMatchObject({
      name: "Ada Lovelace",
      email: "ada@example.com",
      status: "new",
      valueCents: 125_000,
      ownerName: acme.owner.name,
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    const updated = await api.lead.update({
      id: created.id,
      phone: "+44 20 7946 0000",
      company: "",
    });
    expect(updated).toMatchObject({ phone: "+44 20 7946 0000", company: null });
    for (const status of ["contacted", "qualified", "proposal", "won"] as const) {
      await api.lead.changeStatus({ id: created.id, status });
    }
    expect((await api.lead.byId({ id: created.id })).status).toBe("won");
    const summary = await api.lead.pipelineSummary();
    expect(summary.map((s) => s.status)).toEqual([
      "new",
      "contacted",
      "qualified",
      "proposal",
      "negotiation",
      "won",
      "lost",
    ]);
    expect(summary.find((s) => s.status === "won")).toEqual({
      status: "won",
      count: 1,
      valueCents: 125_000,
    });
  });

  it("rejects bad input on every field with a typed error and writes nothing", async () => {
    const api = await acme.owner.caller("acme");
    const orgId = acme.org.id;
    const target = await api.lead.create({ name: "Untouched" });
    const before = await leadCount(orgId);
    const bad: Array<[string, Record<string, unknown>]> = [
      ["name", { name: "" }],
      ["name", { name: "x".repeat(201) }],
      ["email", { name: "A", email: "not-an-email" }],
      ["company", { name: "A", company: "c".repeat(201) }],
      ["phone", { name: "A", phone: "call me maybe" }],
      ["status", { name: "A", status: "sold" }],
      ["source", { name: "A", source: "carrier pigeon" }],
      ["valueCents", { name: "A", valueCents: -1 }],
      ["valueCents", { name: "A", valueCents: 1.5 }],
      ["valueCents", { name: "A", valueCents: "100" }],
      ["notes", { name: "A", notes: "n".repeat(5001) }],
      ["ownerMemberId", { name: "A", ownerMemberId: "not-a-uuid" }],
      // PostgreSQL text cannot hold NUL: refused by the schema, not by a failed insert (a 500).
      ["name", { name: "Ada\u0000" }],
      ["notes", { name: "A", notes: "line\u0000" }],
    ];
    for (const [field, input] of bad) {
      // @ts-expect-error deliberately invalid input, as a hand-written HTTP client could send
      const created = await refusalOf(api.lead.create(input));
      expect(created, `create ${field}`).toEqual({ code: "BAD_REQUEST", fields: [field] });
      // The same field in an update of an existing lead (its name only where the value is bad).
      const { name, ...rest } = input;
      const change = field === "name" ? { name } : rest;
      const updated = await refusalOf(api.lead.update({ id: target.id, ...change }));
      expect(updated, `update ${field}`).toEqual({ code: "BAD_REQUEST", fields: [field] });
    }
    expect(await api.lead.byId({ id: target.id })).toMatchObject({
      name: "Untouched",
      email: null,
      company: null,
      phone: null,
      status: "new",
      valueCents: 0,
      notes: null,
    });
    // An owner from another organization is a typed field error too, and nothing is written.
    const other = await fx.createOrg("other-co");
    const error = await api.lead.create({ name: "A", ownerMemberId: other.owner.memberId }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: "The owner must be a member with CRM access",
    });
    expect(await leadCount(orgId)).toBe(before);
  });

  it("totals the pipeline even past 2^53 cents (about 900 deals at the maximum value)", async () => {
    const org = await fx.createOrg("whales");
    await withTenant(fx.db, asSystem(org.org.id, "test"), ({ db: tx }) =>
      tx.insert(lead).values(
        Array.from({ length: 901 }, (_, i) => ({
          organizationId: org.org.id,
          name: `Whale ${i}`,
          status: "won" as const,
          valueCents: MAX_LEAD_VALUE_CENTS,
        })),
      ),
    );
    const summary = await (await org.owner.caller("whales")).lead.pipelineSummary();
    const won = summary.find((s) => s.status === "won");
    expect(won?.count).toBe(901);
    // A display total: exact to 16 significant digits.
    expect(won?.valueCents).toBeCloseTo(901 * MAX_LEAD_VALUE_CENTS, -2);
  });

  it("lists with search, filters, sort and keyset pagination that never repeats or skips", async () => {
    const org = await fx.createOrg("pager", ["member"], { crmAccess: true });
    const api = await org.owner.caller("pager");
    const seller = org.members.member?.memberId;
    for (let i = 0; i < 23; i++) {
      await api.lead.create({
        name: `Person ${String(i).padStart(2, "0")}`,
        company: i % 2 === 0 ? "Even Corp" : "Odd 100% Ltd",
        status: i % 3 === 0 ? "qualified" : "new",
        source: i % 4 === 0 ? "referral" : i % 4 === 1 ? "event" : "website",
        valueCents: (i % 5) * 1000,
        ownerMemberId: i % 5 === 0 ? seller : org.owner.memberId,
      });
    }
    for (const sort of ["createdAt", "updatedAt", "name", "value"] as const) {
      for (const order of ["asc", "desc"] as const) {
        const seen: string[] = [];
        const keys: Array<[number | string, string]> = [];
        let cursor = null;
        do {
          const page: Awaited<ReturnType<typeof api.lead.list>> = await api.lead.list({
            sort,
            order,
            limit: 5,
            cursor,
          });
          seen.push(...page.items.map((l) => l.id));
          for (const l of page.items) {
            const key =
              sort === "createdAt"
                ? l.createdAt.getTime()
                : sort === "updatedAt"
                  ? l.updatedAt.getTime()
                  : sort === "name"
                    ? l.name
                    : l.valueCents;
            keys.push([key, l.id]);
          }
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen).size, `${sort} ${order}`).toBe(23);
        expect(seen.length, `${sort} ${order}`).toBe(23);
        // Across all pages, in the order asked for: sort key, then id as tie-breaker.
        const sorted = [...keys].sort(([a, aId], [b, bId]) => {
          const byKey = a < b ? -1 : a > b ? 1 : aId < bId ? -1 : aId > bId ? 1 : 0;
          return order === "asc" ? byKey : -byKey;
        });
        expect(keys, `${sort} ${order}`).toEqual(sorted);
      }
    }
    const byName = await api.lead.list({ sort: "name", order: "asc", limit: 3 });
    expect(byName.items.map((l) => l.name)).toEqual(["Person 00", "Person 01", "Person 02"]);
    const search = await api.lead.list({ search: "100%", limit: 50 });
    expect(search.items).toHaveLength(11);
    expect(search.items.every((l) => l.company === "Odd 100% Ltd")).toBe(true);
    const qualified = await api.lead.list({ status: ["qualified"], limit: 50 });
    expect(qualified.items).toHaveLength(8);
    const names = (page: { items: { name: string }[] }) => page.items.map((l) => l.name).sort();
    const numbered = (keep: (i: number) => boolean) =>
      Array.from({ length: 23 }, (_, i) => i)
        .filter(keep)
        .map((i) => `Person ${String(i).padStart(2, "0")}`);
    const referrals = await api.lead.list({ source: ["referral"], limit: 50 });
    expect(names(referrals)).toEqual(numbered((i) => i % 4 === 0));
    const twoSources = await api.lead.list({ source: ["referral", "event"], limit: 50 });
    expect(names(twoSources)).toEqual(numbered((i) => i % 4 <= 1));
    const sellers = await api.lead.list({ ownerMemberId: seller, limit: 50 });
    expect(names(sellers)).toEqual(numbered((i) => i % 5 === 0));
    // Filters combine: referral leads of the seller, qualified ones only.
    const combined = await api.lead.list({
      source: ["referral"],
      ownerMemberId: seller,
      status: ["qualified"],
      limit: 50,
    });
    expect(names(combined)).toEqual(numbered((i) => i % 4 === 0 && i % 5 === 0 && i % 3 === 0));
    const mismatched = await codeOf(
      api.lead.list({ sort: "name", cursor: { value: new Date(), id: byName.items[0]!.id } }),
    );
    expect(mismatched).toBe("BAD_REQUEST");
  });

  it("searches by a prefix of any word of name, email or company, every word of the search", async () => {
    const org = await fx.createOrg("finder");
    const api = await org.owner.caller("finder");
    const make = (name: string, email: string | null, company: string | null) =>
      api.lead.create({ name, email, company });
    const ada = await make("Ada Lovelace", "ada.lovelace@analytical.example", "Analytical Engines");
    const zoe = await make("Zoë Müller-Lüdenscheidt", "ZOE_MUELLER+crm@acme-corp.example", null);
    const grace = await make("Grace Hopper", null, "US Navy");
    const alan = await make("Alan Turing", "alan@bletchley.example", "Bletchley Park");
    // Another organization's lead with the same words is never found here.
    await (await acme.owner.caller("acme")).lead.create({
      name: "Ada Lovelace",
      company: "Analytical Engines",
    });
    const found = async (search: string) =>
      (await api.lead.list({ search, limit: 50 })).items.map((l) => l.name).sort();

    expect(await found("ada")).toEqual(["Ada Lovelace"]);
    expect(await found("LOVE")).toEqual(["Ada Lovelace"]);
    expect(await found("analyt")).toEqual(["Ada Lovelace"]);
    expect(await found("engines ada")).toEqual(["Ada Lovelace"]);
    expect(await found("ada turing")).toEqual([]);
    expect(await found("zoë")).toEqual(["Zoë Müller-Lüdenscheidt"]);
    expect(await found("MÜLLER lüd")).toEqual(["Zoë Müller-Lüdenscheidt"]);
    expect(await found("mueller+crm@acme")).toEqual(["Zoë Müller-Lüdenscheidt"]);
    expect(await found("ada.lovelace@analytical.example")).toEqual(["Ada Lovelace"]);
    expect(await found("navy")).toEqual(["Grace Hopper"]);
    expect(await found("b")).toEqual(["Alan Turing"]);
    // Inside a word is not a prefix: "ring" does not find Turing.
    expect(await found("ring")).toEqual([]);
    expect(await found("!!!")).toHaveLength(4);

    // Edits change what finds a lead; a status change leaves it findable.
    await api.lead.update({
      id: grace.id,
      company: "Harvard Mark I",
      email: "grace@harvard.example",
    });
    expect(await found("navy")).toEqual([]);
    expect(await found("harv")).toEqual(["Grace Hopper"]);
    await api.lead.changeStatus({ id: alan.id, status: "won" });
    expect(await found("bletchley")).toEqual(["Alan Turing"]);

    // Soft-deleted leads never show; Undo brings them back to search too.
    await api.lead.remove({ ids: [ada.id, zoe.id] });
    expect(await found("ada")).toEqual([]);
    expect(await found("zoe")).toEqual([]);
    await api.lead.restore({ ids: [ada.id] });
    expect(await found("ada")).toEqual(["Ada Lovelace"]);

    // Search keeps the other filters, the sort and keyset pages.
    for (let i = 0; i < 7; i++)
      await make(`Babbage ${i}`, `charles${i}@engine.example`, i % 2 ? "Difference" : "Analytical");
    const won = await api.lead.list({ search: "b", status: ["won"] });
    expect(won.items.map((l) => l.name)).toEqual(["Alan Turing"]);
    const pages: string[] = [];
    let cursor = null;
    do {
      const page: Awaited<ReturnType<typeof api.lead.list>> = await api.lead.list({
        search: "analytical",
        sort: "name",
        order: "asc",
        limit: 2,
        cursor,
      });
      pages.push(...page.items.map((l) => l.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(["Ada Lovelace", "Babbage 0", "Babbage 2", "Babbage 4", "Babbage 6"]);
  });

  it("removes (and restores) all or nothing", async () => {
    const org = await fx.createOrg("bulk");
    const api = await org.owner.caller("bulk");
    const a = await api.lead.create({ name: "A" });
    const b = await api.lead.create({ name: "B" });
    const foreign = await (await acme.owner.caller("acme")).lead.create({ name: "Foreign" });
    expect(await codeOf(api.lead.remove({ ids: [a.id, foreign.id] }))).toBe("NOT_FOUND");
    expect((await api.lead.list({})).items).toHaveLength(2);
    const removed = await api.lead.remove({ ids: [a.id, b.id, a.id] });
    expect(removed.ids.sort()).toEqual([a.id, b.id].sort());
    expect((await api.lead.list({})).items).toHaveLength(0);
    expect(await codeOf(api.lead.byId({ id: a.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.lead.remove({ ids: [] }))).toBe("BAD_REQUEST");
    // Undo: back in the list, with their history saying what happened.
    expect(await codeOf(api.lead.restore({ ids: [a.id, foreign.id] }))).toBe("NOT_FOUND");
    await api.lead.restore({ ids: [a.id] });
    expect((await api.lead.list({})).items.map((l) => l.id)).toEqual([a.id]);
    const history = await api.lead.timeline({ id: a.id });
    expect(history.items.map((e) => e.type === "activity" && e.action)).toEqual([
      "lead.restored",
      "lead.deleted",
      "lead.created",
    ]);
  });

  it("treats another organization's lead id as not found", async () => {
    const foreign = await (await acme.owner.caller("acme")).lead.create({ name: "Secret" });
    const org = await fx.createOrg("snoop");
    const api = await org.owner.caller("snoop");
    expect(await codeOf(api.lead.byId({ id: foreign.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.lead.update({ id: foreign.id, name: "Mine" }))).toBe("NOT_FOUND");
    expect(await codeOf(api.lead.changeStatus({ id: foreign.id, status: "lost" }))).toBe(
      "NOT_FOUND",
    );
    const still = await (await acme.owner.caller("acme")).lead.byId({ id: foreign.id });
    expect(still).toMatchObject({ name: "Secret", status: "new" });
  });
});

describe("CRM access", () => {
  it("is staff-only: a member without CRM access is refused every lead procedure, whatever the id", async () => {
    const shop = await fx.createOrg("shop", ["member", "moderator"]);
    const owner = await shop.owner.caller("shop");
    const lead = await owner.lead.create({ name: "Grace Hopper", email: "grace@navy.example" });
    for (const person of [shop.members.member!, shop.members.moderator!]) {
      const api = await person.caller("shop");
      const missing = "00000000-0000-4000-8000-000000000000";
      const calls = {
        list: () => api.lead.list({}),
        byId: (id: string) => api.lead.byId({ id }),
        timeline: (id: string) => api.lead.timeline({ id }),
        create: () => api.lead.create({ name: "Planted" }),
        update: (id: string) => api.lead.update({ id, name: "Hijacked" }),
        changeStatus: (id: string) => api.lead.changeStatus({ id, status: "lost" }),
        pipelineSummary: () => api.lead.pipelineSummary(),
        remove: (id: string) => api.lead.remove({ ids: [id] }),
        restore: (id: string) => api.lead.restore({ ids: [id] }),
      };
      for (const [name, call] of Object.entries(calls)) {
        const real = await call(lead.id).catch((e: unknown) => e);
        const none = await call(missing).catch((e: unknown) => e);
        expect(real, name).toMatchObject({
          code: "FORBIDDEN",
          message: "The CRM is for staff: ask an admin for CRM access",
        });
        // The same answer for a lead that exists and one that does not: nothing to learn.
        expect(none, name).toMatchObject({ code: "FORBIDDEN", message: (real as Error).message });
      }
    }
    expect(await owner.lead.byId({ id: lead.id })).toMatchObject({ name: "Grace Hopper" });
    expect(await leadCount(shop.org.id)).toBe(1);
  });

  it("tells the web why (reason CRM_ACCESS), and follows a grant and a revocation at once", async () => {
    const desk = await fx.createOrg("desk", ["admin", "member"]);
    const admin = await desk.members.admin!.caller("desk");
    const api = await desk.members.member!.caller("desk");
    const refused = await api.lead.list({}).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "FORBIDDEN", cause: { reason: "CRM_ACCESS" } });
    expect((await api.organization.current()).membership).toMatchObject({ crmAccess: false });

    await admin.member.setCrmAccess({ id: desk.members.member!.memberId, crmAccess: true });
    expect((await api.organization.current()).membership).toMatchObject({ crmAccess: true });
    const mine = await api.lead.create({ name: "Katherine Johnson" });
    expect((await api.lead.list({})).items.map((l) => l.id)).toEqual([mine.id]);

    await admin.member.setCrmAccess({ id: desk.members.member!.memberId, crmAccess: false });
    expect(await codeOf(api.lead.byId({ id: mine.id }))).toBe("FORBIDDEN");
  });

  it("gives leads only to owners who work the CRM, and keeps an owner who lost access", async () => {
    // On Pro: the CRM grant below makes a 5th staff member, more than Free's 3 seats.
    const crew = await fx.createOrg("crew", ["member", "moderator", "admin"], { plan: "pro" });
    const owner = await crew.owner.caller("crew");
    const plain = crew.members.member!;
    expect(
      await refusalOf(owner.lead.create({ name: "Nobody's", ownerMemberId: plain.memberId })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["ownerMemberId"] });
    const byAdmin = await owner.lead.create({
      name: "Admin's",
      ownerMemberId: crew.members.admin!.memberId,
    });
    expect(byAdmin.ownerName).toBe(crew.members.admin!.name);

    await owner.member.setCrmAccess({ id: plain.memberId, crmAccess: true });
    const theirs = await owner.lead.create({ name: "Theirs", ownerMemberId: plain.memberId });
    await owner.member.setCrmAccess({ id: plain.memberId, crmAccess: false });
    // Editing something else keeps the owner; giving it to them again is refused.
    const renamed = await owner.lead.update({
      id: theirs.id,
      name: "Still theirs",
      ownerMemberId: plain.memberId,
    });
    expect(renamed).toMatchObject({ name: "Still theirs", ownerMemberId: plain.memberId });
    expect(
      await refusalOf(owner.lead.update({ id: byAdmin.id, ownerMemberId: plain.memberId })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["ownerMemberId"] });
  });
});
