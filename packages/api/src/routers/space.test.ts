// Spaces through the procedures: the visibility matrix (public, private and paid spaces against
// each kind of person, for list, get and join), membership, the admins' management and the plan's
// allowance of spaces. Who sees what is the database's rule (migration 0041); these tests hold
// the server's answers to it: a space one cannot see is NOT_FOUND, never FORBIDDEN.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
type Caller = Awaited<ReturnType<Person["caller"]>>;

const people = [
  "owner",
  "moderator",
  "insider",
  "outsider",
  "payer",
  "otherTier",
  "stranger",
] as const;
type Who = (typeof people)[number];
const callers = {} as Record<Who, Caller>;
const memberIds = {} as Record<Exclude<Who, "stranger">, string>;
const ids = { public: "", private: "", paid: "" };
let goldId = "";

const fields = {
  description: "",
  icon: "",
  type: "discussion" as const,
  section: "",
};

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme", ["moderator"]);
  const other = await fx.createOrg("other");
  callers.owner = await acme.owner.caller("acme");
  callers.moderator = await acme.members.moderator!.caller("acme");
  memberIds.owner = acme.owner.memberId;
  memberIds.moderator = acme.members.moderator!.memberId;
  for (const who of ["insider", "outsider", "payer", "otherTier"] as const) {
    const person = await fx.addMember(acme.org.id, "member", { name: who });
    callers[who] = await person.caller("acme");
    memberIds[who] = person.memberId;
  }
  // The stranger is an owner of another organization, naming acme (NOT_FOUND by the ladder) or
  // their own (where acme's ids exist nowhere).
  callers.stranger = await other.owner.caller("other");

  const tier = (name: string) =>
    callers.owner.memberTier.create({
      name,
      description: "",
      currency: "usd",
      monthlyPrice: null,
      yearlyPrice: null,
      lifetimePrice: null,
      trialDays: 0,
      sortOrder: 0,
    });
  const gold = await tier("Gold");
  const silver = await tier("Silver");
  goldId = gold.id;
  await callers.owner.memberTier.grant({ memberId: memberIds.payer, tierId: gold.id });
  await callers.owner.memberTier.grant({ memberId: memberIds.otherTier, tierId: silver.id });

  const create = (
    name: string,
    visibility: "public" | "private" | "paid",
    tierIds: string[] = [],
  ) => callers.owner.space.create({ ...fields, name, slug: visibility, visibility, tierIds });
  ids.public = (await create("Lounge", "public")).id;
  ids.private = (await create("Board room", "private")).id;
  ids.paid = (await create("Vault", "paid", [gold.id])).id;
  await callers.owner.space.addMember({ spaceId: ids.private, memberId: memberIds.insider });
});
afterAll(() => fx.drop());

const listed = async (who: Who) =>
  (await callers[who].space.list()).flatMap((section) => section.spaces.map((s) => s.slug)).sort();

describe("the visibility matrix", () => {
  // Who sees which of the three spaces (slugs are their visibility).
  const sees: Record<Who, string[]> = {
    owner: ["paid", "private", "public"],
    moderator: ["paid", "private", "public"],
    insider: ["private", "public"],
    outsider: ["public"],
    payer: ["paid", "public"],
    otherTier: ["public"],
    stranger: [],
  };

  it("lists to each person exactly the spaces they may see", async () => {
    for (const who of people) expect(await listed(who), who).toEqual(sees[who]);
  });

  it("answers get with the space, or NOT_FOUND exactly when it is not theirs to see", async () => {
    for (const who of people)
      for (const slug of ["public", "private", "paid"]) {
        const code = await codeOf(callers[who].space.get({ slug }));
        expect(code, `${who} → ${slug}`).toBe(sees[who].includes(slug) ? "OK" : "NOT_FOUND");
      }
    // A slug that exists nowhere answers the same as a space one cannot see.
    const missing = await refusalOf(callers.outsider.space.get({ slug: "nowhere" }));
    const hidden = await refusalOf(callers.outsider.space.get({ slug: "private" }));
    expect(hidden).toEqual(missing);
  });

  it("lets people join: public, anyone; paid, with the tier (and staff); private, no one by themselves", async () => {
    const joins: Record<Who, Record<keyof typeof ids, string>> = {
      owner: { public: "OK", private: "FORBIDDEN", paid: "OK" },
      moderator: { public: "OK", private: "FORBIDDEN", paid: "OK" },
      // Already in the private space (added): joining again changes nothing.
      insider: { public: "OK", private: "OK", paid: "NOT_FOUND" },
      outsider: { public: "OK", private: "NOT_FOUND", paid: "NOT_FOUND" },
      payer: { public: "OK", private: "NOT_FOUND", paid: "OK" },
      otherTier: { public: "OK", private: "NOT_FOUND", paid: "NOT_FOUND" },
      stranger: { public: "NOT_FOUND", private: "NOT_FOUND", paid: "NOT_FOUND" },
    };
    for (const who of people)
      for (const kind of ["public", "private", "paid"] as const) {
        const code = await codeOf(callers[who].space.join({ spaceId: ids[kind] }));
        expect(code, `${who} joins ${kind}`).toBe(joins[who][kind]);
      }
    const lounge = await callers.outsider.space.get({ slug: "public" });
    expect(lounge).toMatchObject({ joined: true, memberCount: 6, canJoin: false });
    // Joining did not open anything: the lists are the same.
    for (const who of people) expect(await listed(who), who).toEqual(sees[who]);
  });
});

describe("membership", () => {
  it("an admin adds a member to a private space, who then sees it, and removes them again", async () => {
    expect(await codeOf(callers.outsider.space.get({ slug: "private" }))).toBe("NOT_FOUND");
    const members = await callers.owner.space.addMember({
      spaceId: ids.private,
      memberId: memberIds.outsider,
    });
    expect(members.map((m) => m.name).sort()).toEqual(["insider", "outsider"]);
    expect(await callers.outsider.space.get({ slug: "private" })).toMatchObject({
      joined: true,
      visibility: "private",
    });
    await callers.owner.space.removeMember({ spaceId: ids.private, memberId: memberIds.outsider });
    expect(await codeOf(callers.outsider.space.get({ slug: "private" }))).toBe("NOT_FOUND");
    expect(await listed("outsider")).toEqual(["public"]);
  });

  it("a member who leaves a private space loses it; one who loses the tier loses the paid space", async () => {
    await callers.owner.space.addMember({ spaceId: ids.private, memberId: memberIds.otherTier });
    expect(await callers.otherTier.space.leave({ spaceId: ids.private })).toEqual({ left: true });
    expect(await codeOf(callers.otherTier.space.get({ slug: "private" }))).toBe("NOT_FOUND");

    await callers.owner.memberTier.revoke({ memberId: memberIds.payer });
    expect(await codeOf(callers.payer.space.get({ slug: "paid" }))).toBe("NOT_FOUND");
    // An admin's grant opens the paid space without the tier.
    await callers.owner.space.addMember({ spaceId: ids.paid, memberId: memberIds.payer });
    expect(await callers.payer.space.get({ slug: "paid" })).toMatchObject({ joined: true });
    await callers.owner.memberTier.grant({ memberId: memberIds.payer, tierId: goldId });
  });

  it("mutes and unmutes a joined space, and refuses muting one not joined", async () => {
    const muted = await callers.outsider.space.mute({ spaceId: ids.public, muted: true });
    expect(muted.muted).toBe(true);
    const [section] = await callers.outsider.space.list();
    expect(section?.spaces.find((s) => s.id === ids.public)).toMatchObject({
      joined: true,
      muted: true,
    });
    await callers.outsider.space.mute({ spaceId: ids.public, muted: false });
    await callers.outsider.space.leave({ spaceId: ids.public });
    expect(await codeOf(callers.outsider.space.mute({ spaceId: ids.public, muted: true }))).toBe(
      "CONFLICT",
    );
  });

  it("lists a space's members to whoever sees it, NOT_FOUND to others", async () => {
    const members = await callers.insider.space.members({ spaceId: ids.private });
    expect(members.map((m) => m.name)).toEqual(["insider"]);
    expect(await codeOf(callers.outsider.space.members({ spaceId: ids.private }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("administration", () => {
  it("refuses a fourth space on Free with PLAN_LIMIT, and one freed by archiving is usable", async () => {
    const fourth = {
      ...fields,
      name: "Events",
      slug: "events",
      visibility: "public" as const,
      tierIds: [],
    };
    const refused = await callers.owner.space.create(fourth).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "FORBIDDEN", cause: { reason: "PLAN_LIMIT" } });
    await callers.owner.space.archive({ id: ids.public, archived: true });
    expect(await listed("outsider")).toEqual([]);
    // Staff still find the archived space, to restore it.
    const all = await callers.moderator.space.list({ includeArchived: true });
    expect(all.flatMap((s) => s.spaces).find((s) => s.id === ids.public)?.archived).toBe(true);
    const events = await callers.owner.space.create(fourth);
    expect(events.slug).toBe("events");
    // Restoring would make four again.
    expect(await codeOf(callers.owner.space.archive({ id: ids.public, archived: false }))).toBe(
      "FORBIDDEN",
    );
    await callers.owner.space.archive({ id: events.id, archived: true });
    await callers.owner.space.archive({ id: ids.public, archived: false });
  });

  it("refuses an address another space has, on the slug field", async () => {
    const taken = await refusalOf(
      callers.owner.space.update({
        ...fields,
        id: ids.paid,
        name: "Vault",
        slug: "public",
        visibility: "paid",
      }),
    );
    expect(taken).toEqual({ code: "CONFLICT", fields: ["slug"] });
    const bad = await refusalOf(
      callers.owner.space.update({
        ...fields,
        id: ids.paid,
        name: "Vault",
        slug: "Not a slug!",
        visibility: "paid",
      }),
    );
    expect(bad).toEqual({ code: "BAD_REQUEST", fields: ["slug"] });
  });

  it("orders the sidebar by sections and positions", async () => {
    const sections = await callers.owner.space.reorder({
      sections: [
        { name: "", spaceIds: [ids.paid] },
        { name: "Staff", spaceIds: [ids.private, ids.public] },
      ],
    });
    expect(sections.map((s) => [s.name, s.spaces.map((x) => x.slug)])).toEqual([
      ["", ["paid"]],
      ["Staff", ["private", "public"]],
    ]);
    expect(
      await codeOf(
        callers.owner.space.reorder({ sections: [{ name: "", spaceIds: [ids.paid, ids.paid] }] }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("sets a paid space's tiers: members of the new tier see it, of the old one no longer", async () => {
    const silverId = (await callers.owner.memberTier.list({ includeArchived: false })).find(
      (t) => t.name === "Silver",
    )!.id;
    const vault = await callers.owner.space.setTiers({ spaceId: ids.paid, tierIds: [silverId] });
    expect(vault.tiers.map((t) => t.name)).toEqual(["Silver"]);
    expect(await listed("otherTier")).toContain("paid");
    // payer keeps the admin's grant from above; a tier holder without one loses it.
    expect(await codeOf(callers.owner.space.setTiers({ spaceId: ids.public, tierIds: [] }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("lets no moderator or member manage spaces", async () => {
    for (const who of ["moderator", "insider"] as const)
      expect(
        await codeOf(callers[who].space.archive({ id: ids.private, archived: true })),
        who,
      ).toBe("FORBIDDEN");
  });
});
