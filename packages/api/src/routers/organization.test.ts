import {
  activity,
  asSystem,
  createTestClock,
  eq,
  invitation,
  lead,
  member,
  organization,
  withTenant,
} from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCaller } from "../index.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
});
afterAll(() => fx.drop());

describe("organizations", () => {
  it("creates an organization with the creator as owner and lists it", async () => {
    const ann = await fx.signUp("Ann");
    const api = await ann.caller();
    const org = await api.me.organizations.create({ name: "  Ann's Guild ", slug: "Anns-Guild" });
    expect(org).toMatchObject({ name: "Ann's Guild", slug: "anns-guild" });
    expect(await api.me.organizations.list()).toEqual([
      expect.objectContaining({ slug: "anns-guild", role: "owner", name: "Ann's Guild" }),
    ]);
    const current = await (await ann.caller("anns-guild")).organization.current();
    expect(current.membership.role).toBe("owner");
  });

  it("checks slug format, reserved words and uniqueness with field errors", async () => {
    const bob = await fx.signUp("Bob");
    const api = await bob.caller();
    await api.me.organizations.create({ name: "Taken", slug: "taken" });
    for (const slug of ["a", "-bad", "bad--slug", "UPPER CASE", "settings", "x".repeat(41)]) {
      expect(await refusalOf(api.me.organizations.create({ name: "Org", slug })), slug).toEqual({
        code: "BAD_REQUEST",
        fields: ["slug"],
      });
    }
    const conflict = api.me.organizations.create({ name: "Again", slug: "taken" });
    await expect(conflict).rejects.toMatchObject({ message: "This slug is already taken" });
    expect(await refusalOf(api.me.organizations.create({ name: "Again", slug: "taken" }))).toEqual({
      code: "CONFLICT",
      fields: ["slug"],
    });
    expect(await api.me.organizations.slugAvailable({ slug: "taken" })).toEqual({
      available: false,
      reason: "This slug is already taken",
    });
    expect(await api.me.organizations.slugAvailable({ slug: "fresh-one" })).toEqual({
      available: true,
      reason: null,
    });
    const [count] = await fx.db.select().from(organization).where(eq(organization.slug, "taken"));
    expect(count?.name).toBe("Taken");
  });

  it("gives one user 10 organization attempts a day, even all at once, then says when to retry", async () => {
    const cas = await fx.signUp("Cas");
    const api = await cas.caller();
    const tries = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        api.me.organizations.create({ name: `Cas ${i}`, slug: `cas-${i}` }),
      ),
    );
    expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(10);
    const refused = tries.flatMap((t) => (t.status === "rejected" ? [t.reason] : []));
    expect(refused).toHaveLength(2);
    for (const error of refused) {
      expect(error).toMatchObject({ code: "TOO_MANY_REQUESTS" });
      expect(error instanceof Error ? error.message : "").toBe(
        "Too many organizations created: 10 allowed per 24 hours. Try again in 24 hours.",
      );
    }
    expect(await api.me.organizations.list()).toHaveLength(10);
    // Every attempt counts, a refused one included: probing for slugs costs the same budget.
    const eve = await (await fx.signUp("Eve")).caller();
    await eve.me.organizations.create({ name: "Eve", slug: "eve-first" });
    for (let i = 0; i < 9; i++)
      expect(await codeOf(eve.me.organizations.create({ name: "Eve", slug: "eve-first" }))).toBe(
        "CONFLICT",
      );
    expect(await codeOf(eve.me.organizations.create({ name: "Eve 2", slug: "eve-second" }))).toBe(
      "TOO_MANY_REQUESTS",
    );
    // Others are not affected, and the next day Cas can again.
    await (await (await fx.signUp("Dee")).caller()).me.organizations.create({
      name: "Dee",
      slug: "dee",
    });
    const headers = new Headers({ cookie: cas.cookie });
    const casTomorrow = await createCaller(
      { ...fx.deps, clock: createTestClock(24 * 3600 * 1000 + 1000) },
      { headers },
    );
    await casTomorrow.me.organizations.create({ name: "Cas again", slug: "cas-again" });
  });

  it("keeps an organization's name to one line: it goes into invitation mails", async () => {
    const liner = await fx.signUp("Liner");
    const api = await liner.caller();
    const phishy = "Acme\nACTION REQUIRED: https://evil.example/x";
    expect(await refusalOf(api.me.organizations.create({ name: phishy, slug: "liner" }))).toEqual({
      code: "BAD_REQUEST",
      fields: ["name"],
    });
    await api.me.organizations.create({ name: "Liner", slug: "liner" });
    const owner = await liner.caller("liner");
    expect(await refusalOf(owner.organization.update({ name: phishy }))).toEqual({
      code: "BAD_REQUEST",
      fields: ["name"],
    });
    // Line and paragraph separators break lines too; bidi overrides and isolates make a name
    // read differently from what it holds (a mail subject showing "Acme" spelled backwards).
    for (const hidden of [
      "\u2028",
      "\u2029",
      "\u202a",
      "\u202b",
      "\u202c",
      "\u202d",
      "\u202e",
      "\u2066",
      "\u2067",
      "\u2068",
      "\u2069",
    ]) {
      expect(
        await refusalOf(owner.organization.update({ name: `Acme${hidden}emca` })),
        hidden.codePointAt(0)?.toString(16),
      ).toEqual({ code: "BAD_REQUEST", fields: ["name"] });
    }
    // Other scripts, accents and emoji are one line.
    await owner.organization.update({ name: "Société Ōkami 🐺 مرحبا" });
  });

  it("renames and changes the slug (admin), refusing a taken slug", async () => {
    const { owner, members } = await fx.createOrg("rename-me", ["admin"]);
    await fx.createOrg("occupied");
    const admin = await members.admin!.caller("rename-me");
    expect(await refusalOf(admin.organization.update({ slug: "occupied" }))).toEqual({
      code: "CONFLICT",
      fields: ["slug"],
    });
    const updated = await admin.organization.update({ name: "Renamed", slug: "renamed" });
    expect(updated).toMatchObject({ name: "Renamed", slug: "renamed" });
    expect(await codeOf((await owner.caller("rename-me")).organization.current())).toBe(
      "NOT_FOUND",
    );
    expect((await (await owner.caller("renamed")).organization.current()).name).toBe("Renamed");
  });

  it("deletes only when the owner types the exact name, taking everything with it", async () => {
    const { org, owner } = await fx.createOrg("doomed", ["member"]);
    const api = await owner.caller("doomed");
    await api.lead.create({ name: "Gone soon" });
    await api.invitation.create({ email: "late@doomed.example", role: "member" });
    const wrong = await api.organization.remove({ confirmName: "doomed" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(wrong).toMatchObject({ code: "BAD_REQUEST", message: "The name does not match" });
    expect(await api.organization.remove({ confirmName: org.name })).toEqual({ id: org.id });
    expect(await fx.db.select().from(organization).where(eq(organization.id, org.id))).toEqual([]);
    expect(await fx.db.select().from(member).where(eq(member.organizationId, org.id))).toEqual([]);
    expect(
      await fx.db.select().from(invitation).where(eq(invitation.organizationId, org.id)),
    ).toEqual([]);
    expect(
      await withTenant(fx.db, asSystem(org.id, "test"), ({ db: tx }) => tx.select().from(lead)),
    ).toEqual([]);
  });
});

describe("members", () => {
  it("pages the directory in name order: names, avatars and roles for all, emails for admins", async () => {
    const club = await fx.createOrg("club", ["admin"]);
    const { org } = club;
    const names = ["Zoe Quinn", "ada lovelace", "Alan Turing", "Barbara Liskov", "Edsger Dijkstra"];
    const people = [];
    for (const name of names) people.push(await fx.addMember(org.id, "member", { name }));
    const plain = await people[0]!.caller("club");
    const admin = await club.members.admin!.caller("club");

    // Keyset pages of two, case-insensitive name order, each member once.
    const seen: string[] = [];
    let cursor = null;
    do {
      const page: Awaited<ReturnType<typeof plain.member.list>> = await plain.member.list({
        limit: 2,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((m) => m.name));
      cursor = page.nextCursor;
    } while (cursor);
    const all = [...names, club.owner.name, club.members.admin!.name];
    expect(seen).toEqual([...all].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));

    // A plain member sees no emails or grants; an admin does.
    const asPlain = await plain.member.list({ search: "alan" });
    expect(asPlain.items).toEqual([
      expect.objectContaining({
        name: "Alan Turing",
        role: "member",
        email: null,
        crmAccess: null,
      }),
    ]);
    expect(Object.keys(asPlain.items[0]!).sort()).toEqual(
      [
        "avatarFileId",
        "avatarUrl",
        "crmAccess",
        "displayName",
        "email",
        "headline",
        "id",
        "image",
        "joinedAt",
        "lastSeenAt",
        "name",
        "online",
        "role",
        "username",
      ].sort(),
    );
    const asAdmin = await admin.member.list({ search: "alan" });
    expect(asAdmin.items[0]).toMatchObject({ email: people[2]!.email, crmAccess: false });
    expect(await plain.member.byId({ id: people[2]!.memberId })).toMatchObject({
      name: "Alan Turing",
      email: null,
    });

    // A prefix of any word of the name; of the email only for admins.
    expect((await plain.member.list({ search: "LOVE" })).items.map((m) => m.name)).toEqual([
      "ada lovelace",
    ]);
    expect((await plain.member.list({ search: "ove" })).items).toEqual([]);
    // The address up to its @: unique (user<n>-<random>). Its first eight characters were not:
    // "user12-a" is the words "user12" and "a", and other members' addresses matched both.
    const emailPrefix = people[3]!.email.split("@")[0] ?? "";
    expect((await plain.member.list({ search: emailPrefix })).items).toEqual([]);
    expect((await admin.member.list({ search: emailPrefix })).items.map((m) => m.name)).toEqual([
      "Barbara Liskov",
    ]);
    // Every word must match (in any order); punctuation only separates words, as in lead search.
    expect((await plain.member.list({ search: "love ADA" })).items.map((m) => m.name)).toEqual([
      "ada lovelace",
    ]);
    expect((await plain.member.list({ search: "ada turing" })).items).toEqual([]);
    expect((await plain.member.list({ search: "%_" })).items).toHaveLength(all.length);
  });

  it("lists the CRM's staff for the lead owner pickers: owners, admins and those granted access", async () => {
    const team = await fx.createOrg("staff", ["admin", "moderator", "member"]);
    const api = await team.members.member!.caller("staff");
    await (await team.owner.caller("staff")).member.setCrmAccess({
      id: team.members.moderator!.memberId,
      crmAccess: true,
    });
    // The list is the CRM's: to anyone else it would tell who was granted access, which the
    // directory shows to admins only.
    const refused = await api.member.list({ crmStaff: true }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "FORBIDDEN", cause: { reason: "CRM_ACCESS" } });
    const staffApi = await team.members.moderator!.caller("staff");
    const staff = await staffApi.member.list({ crmStaff: true });
    expect(staff.items.map((m) => m.role).sort()).toEqual(["admin", "moderator", "owner"]);
    expect(await codeOf(api.member.byId({ id: team.owner.memberId }))).toBe("OK");
    const foreign = await fx.createOrg("staff-elsewhere");
    expect(await codeOf(api.member.byId({ id: foreign.owner.memberId }))).toBe("NOT_FOUND");
  });

  it("never leaves an organization without an owner", async () => {
    const { owner, members } = await fx.createOrg("last-owner", ["admin"]);
    const api = await owner.caller("last-owner");
    expect(await codeOf(api.member.leave())).toBe("CONFLICT");
    expect(await codeOf(api.member.changeRole({ id: owner.memberId, role: "admin" }))).toBe(
      "CONFLICT",
    );
    expect(await codeOf(api.member.remove({ id: owner.memberId }))).toBe("CONFLICT");
    // With a second owner, the first may step down.
    await api.member.changeRole({ id: members.admin!.memberId, role: "owner" });
    await api.member.changeRole({ id: owner.memberId, role: "admin" });
    const roles = (await api.member.list()).items.map((m) => [m.email, m.role]);
    expect(roles).toContainEqual([members.admin!.email, "owner"]);
    expect(roles).toContainEqual([owner.email, "admin"]);
  });

  it("lets two owners demote each other concurrently: one wins, the other is refused, never a deadlock", async () => {
    // Several rounds: with locks taken in different orders most rounds deadlocked (PostgreSQL
    // broke them after a second with "Concurrent update, please retry").
    for (let round = 0; round < 5; round++) {
      const slug = `race-${round}`;
      const { owner, members } = await fx.createOrg(slug, ["admin"]);
      await (await owner.caller(slug)).member.changeRole({
        id: members.admin!.memberId,
        role: "owner",
      });
      const results = await Promise.allSettled([
        (await owner.caller(slug)).member.changeRole({
          id: members.admin!.memberId,
          role: "admin",
        }),
        (await members.admin!.caller(slug)).member.changeRole({
          id: owner.memberId,
          role: "admin",
        }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      // The second waits for the first's locks and then sees itself demoted: an admin now.
      const refused = results.find((r) => r.status === "rejected");
      expect(refused?.status === "rejected" ? refused.reason : null).toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringMatching(/^Only an owner can /),
      });
      const owners = (await (await owner.caller(slug)).member.list()).items.filter(
        (m) => m.role === "owner",
      );
      expect(owners).toHaveLength(1);
    }
  });

  it("lets only owners manage admins; admins manage the roles below them", async () => {
    // On Pro: the promotions below would be more staff than Free's 3 seats (seats.test.ts).
    const { org, owner, members } = await fx.createOrg("ranks", ["admin", "member"], {
      plan: "pro",
    });
    const peer = await fx.addMember(org.id, "admin", { name: "Peer admin" });
    const admin = await members.admin!.caller("ranks");
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (e: { code: string; message: string }) => `${e.code}: ${e.message}`,
      );
    expect(await refusal(admin.member.remove({ id: owner.memberId }))).toBe(
      "FORBIDDEN: Only an owner can remove an owner",
    );
    expect(await refusal(admin.member.remove({ id: peer.memberId }))).toBe(
      "FORBIDDEN: Only an owner can remove an admin",
    );
    expect(await refusal(admin.member.changeRole({ id: peer.memberId, role: "member" }))).toBe(
      "FORBIDDEN: Only an owner can change the role of an admin",
    );
    // Themselves included: an admin steps down by leaving, or through an owner.
    expect(
      await refusal(admin.member.changeRole({ id: members.admin!.memberId, role: "member" })),
    ).toBe("FORBIDDEN: Only an owner can change the role of an admin");
    for (const role of ["owner", "admin"] as const)
      expect(
        await refusalOf(admin.member.changeRole({ id: members.member!.memberId, role })),
      ).toEqual({ code: "FORBIDDEN", fields: ["role"] });
    expect(await refusal(admin.member.setCrmAccess({ id: peer.memberId, crmAccess: true }))).toBe(
      "FORBIDDEN: Only an owner can change the CRM access of an admin",
    );
    // Nothing changed.
    const roles = Object.fromEntries(
      (await (await owner.caller("ranks")).member.list()).items.map((m) => [m.id, m.role]),
    );
    expect(roles).toMatchObject({
      [owner.memberId]: "owner",
      [peer.memberId]: "admin",
      [members.admin!.memberId]: "admin",
      [members.member!.memberId]: "member",
    });

    // Below their own role, admins manage.
    // A change answers the member as the directory shows them (one result shape for mutations).
    expect(
      await admin.member.changeRole({ id: members.member!.memberId, role: "moderator" }),
    ).toMatchObject({
      id: members.member!.memberId,
      name: members.member!.name,
      role: "moderator",
    });
    expect(
      await admin.member.setCrmAccess({ id: members.member!.memberId, crmAccess: true }),
    ).toMatchObject({ crmAccess: true });
    await admin.member.remove({ id: members.member!.memberId });
    expect(await codeOf((await members.member!.caller("ranks")).lead.list({}))).toBe("NOT_FOUND");

    // Owners manage admins; CRM access is theirs by role, nothing to grant.
    const ownerApi = await owner.caller("ranks");
    expect(
      await refusalOf(ownerApi.member.setCrmAccess({ id: peer.memberId, crmAccess: false })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["crmAccess"] });
    await ownerApi.member.changeRole({ id: peer.memberId, role: "member" });
    await ownerApi.member.remove({ id: peer.memberId });
  });

  it("logs role and CRM access changes in the activity log", async () => {
    const { org, owner, members } = await fx.createOrg("audited", ["member"]);
    const api = await owner.caller("audited");
    const memberId = members.member!.memberId;
    await api.member.setCrmAccess({ id: memberId, crmAccess: true });
    await api.member.changeRole({ id: memberId, role: "moderator" });
    const entries = await withTenant(fx.db, asSystem(org.id, "test"), ({ db }) =>
      db.select().from(activity).where(eq(activity.targetId, memberId)).orderBy(activity.createdAt),
    );
    expect(entries.map((e) => [e.action, e.actorMemberId, e.changes])).toEqual([
      ["member.crm_access_changed", owner.memberId, { crmAccess: { from: false, to: true } }],
      ["member.role_changed", owner.memberId, { role: { from: "member", to: "moderator" } }],
    ]);
  });

  it("transfers ownership: the target becomes owner, the old owner admin", async () => {
    const { owner, members } = await fx.createOrg("handover", ["member"]);
    expect(
      await (await owner.caller("handover")).member.transferOwnership({
        id: members.member!.memberId,
      }),
    ).toMatchObject({ id: members.member!.memberId, role: "owner" });
    const list = (await (await owner.caller("handover")).member.list()).items;
    expect(list.find((m) => m.email === members.member!.email)?.role).toBe("owner");
    expect(list.find((m) => m.email === owner.email)?.role).toBe("admin");
    expect(
      await codeOf(
        (await owner.caller("handover")).organization.remove({ confirmName: "Org handover" }),
      ),
    ).toBe("FORBIDDEN");
  });

  it("lets a member leave, after which the organization is not found for them", async () => {
    const { members } = await fx.createOrg("leaving", ["member"]);
    const api = await members.member!.caller("leaving");
    expect(await api.member.leave()).toEqual({ id: members.member!.memberId });
    expect(await codeOf(api.organization.current())).toBe("NOT_FOUND");
  });
});
