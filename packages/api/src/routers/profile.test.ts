import { eq, memberProfile, RESERVED_USERNAMES, sql } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { UpdateProfileInput } from "../schemas/profile.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
});
afterAll(() => fx.drop());

const profileOf: UpdateProfileInput = {
  displayName: "Ada Lovelace",
  username: "ada",
  headline: "First programmer",
  bio: "Notes on the **Analytical Engine**",
  timeZone: "Europe/London",
  language: "en",
};

describe("member profiles", () => {
  it("gives every new member a username suggested from their name, unique in the organization", async () => {
    const { org, owner } = await fx.createOrg("suggest");
    const ada1 = await fx.addMember(org.id, "member", { name: "Ada Lovelace" });
    const ada2 = await fx.addMember(org.id, "member", { name: "ada  LOVELACE!" });
    const accent = await fx.addMember(org.id, "member", { name: "Zoë Éclair" });
    const reserved = await fx.addMember(org.id, "member", { name: "Admin" });
    const short = await fx.addMember(org.id, "member", { name: "Al" });
    const api = await owner.caller("suggest");
    const usernames = await Promise.all(
      [ada1, ada2, accent, reserved, short].map(async (m) => {
        const mine = await (await m.caller("suggest")).profile.mine();
        return [mine.username, mine.displayName];
      }),
    );
    expect(usernames[0]).toEqual(["ada_lovelace", "Ada Lovelace"]);
    expect(usernames[1]).toEqual(["ada_lovelace_2", "ada  LOVELACE!"]);
    expect(usernames[2]?.[0]).toBe("zoe_eclair");
    expect(usernames[3]?.[0]).toBe("admin_2");
    // "Al" is too short: the email's local part is used instead.
    expect(usernames[4]?.[0]).toMatch(/^[a-z0-9_]{3,30}$/);
    expect(usernames[4]?.[0]).not.toBe("al");
    // The same name in another organization takes the plain username there.
    const other = await fx.createOrg("suggest-other");
    const ada3 = await fx.addMember(other.org.id, "member", { name: "Ada Lovelace" });
    expect((await (await ada3.caller("suggest-other")).profile.mine()).username).toBe(
      "ada_lovelace",
    );
    expect((await api.profile.byUsername({ username: "@ADA_Lovelace" })).memberId).toBe(
      ada1.memberId,
    );
  });

  it("keeps the database's reserved usernames the same as the form's", async () => {
    for (const word of RESERVED_USERNAMES) {
      const [row] = await fx.db.execute<{ reserved: boolean }>(
        sql`select guild_reserved_username(${word}) as reserved`,
      );
      expect(row?.reserved, word).toBe(true);
    }
    const [row] = await fx.db.execute<{ count: number }>(
      sql`select cardinality(regexp_split_to_array(
            substring(pg_get_functiondef('guild_reserved_username(text)'::regprocedure)
                      from 'ARRAY\\[(.*)\\]'), ',')) as count`,
    );
    expect(row?.count).toBe(RESERVED_USERNAMES.length);
  });

  it("shows a profile by username, case-insensitively, and nothing of another organization's", async () => {
    const { org, owner } = await fx.createOrg("show");
    const ada = await fx.addMember(org.id, "moderator", { name: "Ada" });
    const adaApi = await ada.caller("show");
    await adaApi.profile.update(profileOf);
    const seen = await (await owner.caller("show")).profile.byUsername({ username: "ADA" });
    expect(seen).toMatchObject({
      memberId: ada.memberId,
      username: "ada",
      displayName: "Ada Lovelace",
      headline: "First programmer",
      bio: "Notes on the **Analytical Engine**",
      timeZone: "Europe/London",
      language: "en",
      role: "moderator",
      isMe: false,
    });
    expect(seen.joinedAt).toBeInstanceOf(Date);
    const outsider = await fx.createOrg("show-other");
    const outsiderApi = await outsider.owner.caller("show-other");
    expect(await codeOf(outsiderApi.profile.byUsername({ username: "ada" }))).toBe("NOT_FOUND");
    expect(await codeOf(outsiderApi.profile.byUsername({ username: "nobody" }))).toBe("NOT_FOUND");
  });

  it("refuses a taken username (any case) on the username field, and changes nothing", async () => {
    const { org } = await fx.createOrg("taken");
    const ada = await fx.addMember(org.id, "member", { name: "Ada" });
    const bob = await fx.addMember(org.id, "member", { name: "Bob" });
    await (await ada.caller("taken")).profile.update(profileOf);
    const bobApi = await bob.caller("taken");
    const { lastSeenAt: _a, online: _c, ...before } = await bobApi.profile.mine();
    expect(
      await refusalOf(
        bobApi.profile.update({ ...profileOf, displayName: "Bob B", username: "ADA" }),
      ),
    ).toEqual({ code: "CONFLICT", fields: ["username"] });
    const { lastSeenAt: _b, online: _d, ...after } = await bobApi.profile.mine();
    expect(after).toEqual(before);
  });

  it("checks username, time zone and language with field errors", async () => {
    const { org } = await fx.createOrg("checks");
    const ada = await fx.addMember(org.id, "member", { name: "Ada" });
    const api = await ada.caller("checks");
    const cases: [Partial<UpdateProfileInput>, string][] = [
      [{ username: "ab" }, "username"],
      [{ username: "a".repeat(31) }, "username"],
      [{ username: "ada lovelace" }, "username"],
      [{ username: "ada-l" }, "username"],
      [{ username: "Everyone" }, "username"],
      [{ timeZone: "Mars/Olympus" }, "timeZone"],
      [{ displayName: "  " }, "displayName"],
      [{ headline: "x".repeat(121) }, "headline"],
      [{ headline: "two\nlines" }, "headline"],
    ];
    for (const [change, field] of cases)
      expect(await refusalOf(api.profile.update({ ...profileOf, ...change })), field).toEqual({
        code: "BAD_REQUEST",
        fields: [field],
      });
    const saved = await api.profile.update({ ...profileOf, username: "@Ada_L", timeZone: null });
    expect(saved).toMatchObject({ username: "ada_l", timeZone: null, isMe: true });
  });

  it("lets admins rename the members they manage, not those above, and members nobody", async () => {
    const { org, owner } = await fx.createOrg("rename", ["admin", "member"]);
    const admin = await fx.addMember(org.id, "admin", { name: "Second admin" });
    const member = await fx.addMember(org.id, "member", { name: "Troll" });
    const adminApi = await admin.caller("rename");
    const renamed = await adminApi.profile.updateMember({
      memberId: member.memberId,
      displayName: "Renamed",
      username: "renamed",
    });
    expect(renamed).toMatchObject({ displayName: "Renamed", username: "renamed" });
    expect(
      await codeOf(
        adminApi.profile.updateMember({ memberId: owner.memberId, username: "x_owner" }),
      ),
    ).toBe("FORBIDDEN");
    const memberApi = await member.caller("rename");
    const adminProfile = await memberApi.profile.mentionable({ prefix: "second" });
    expect(adminProfile).toHaveLength(1);
    expect(
      await codeOf(
        memberApi.profile.updateMember({ memberId: admin.memberId, displayName: "Hacked" }),
      ),
    ).toBe("FORBIDDEN");
    expect((await adminApi.profile.mine()).displayName).toBe("Second admin");
    expect(
      await refusalOf(
        (await owner.caller("rename")).profile.updateMember({
          memberId: admin.memberId,
          username: "renamed",
        }),
      ),
    ).toEqual({ code: "CONFLICT", fields: ["username"] });
  });

  it("suggests members for a mention by username or name prefix, a few at most", async () => {
    const { org, owner } = await fx.createOrg("mention");
    for (let i = 0; i < 5; i++) await fx.addMember(org.id, "member", { name: `Sam ${i}` });
    const grace = await fx.addMember(org.id, "member", { name: "Grace Hopper" });
    await (await grace.caller("mention")).profile.update({
      ...profileOf,
      displayName: "Grace Hopper",
      username: "amazing_grace",
    });
    const api = await owner.caller("mention");
    const sams = await api.profile.mentionable({ prefix: "@SAM", limit: 3 });
    expect(sams).toHaveLength(3);
    for (const s of sams) expect(s.username.startsWith("sam")).toBe(true);
    expect((await api.profile.mentionable({ prefix: "grace" })).map((m) => m.username)).toEqual([
      "amazing_grace",
    ]);
    expect((await api.profile.mentionable({ prefix: "amaz" })).map((m) => m.username)).toEqual([
      "amazing_grace",
    ]);
    expect(await api.profile.mentionable({ prefix: "zz" })).toEqual([]);
  });

  it("finds a name by its first letters typed in any case, accented capitals included", async () => {
    const { org, owner } = await fx.createOrg("mention-case");
    const elodie = await fx.addMember(org.id, "member", { name: "Elodie" });
    await (await elodie.caller("mention-case")).profile.update({
      ...profileOf,
      displayName: "Élodie Ångström",
      username: "elodie_a",
    });
    const api = await owner.caller("mention-case");
    for (const prefix of ["élo", "ÉLO", "Élodie å"])
      expect((await api.profile.mentionable({ prefix })).map((m) => m.username)).toEqual([
        "elodie_a",
      ]);
  });

  it("shows a member online after activity, and writes last seen at most once a minute", async () => {
    const { org, owner } = await fx.createOrg("online");
    const ada = await fx.addMember(org.id, "member", { name: "Ada" });
    const ownerApi = await owner.caller("online");
    const { username } = await (await ada.caller("online")).profile.mine();
    const seen = await ownerApi.profile.byUsername({ username });
    expect(seen.online).toBe(true);
    expect(seen.lastSeenAt).toBeInstanceOf(Date);
    // Ten minutes ago: offline. Her next call within the minute writes nothing (throttled).
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await fx.db
      .update(memberProfile)
      .set({ lastSeenAt: tenMinutesAgo })
      .where(eq(memberProfile.memberId, ada.memberId));
    await (await ada.caller("online")).profile.mine();
    const later = await ownerApi.profile.byUsername({ username });
    expect(later.online).toBe(false);
    expect(later.lastSeenAt?.getTime()).toBe(tenMinutesAgo.getTime());
  });

  it("deletes the profile with the membership", async () => {
    const { org, owner } = await fx.createOrg("leave");
    const ada = await fx.addMember(org.id, "member", { name: "Leaving Ada" });
    const { username } = await (await ada.caller("leave")).profile.mine();
    await (await owner.caller("leave")).member.remove({ id: ada.memberId });
    expect(await codeOf((await owner.caller("leave")).profile.byUsername({ username }))).toBe(
      "NOT_FOUND",
    );
  });
});
