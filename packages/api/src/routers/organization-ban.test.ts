// Organization bans (issue 11, moderation) against real PostgreSQL and the job runner: who may ban
// whom (moderators plain members, admins moderators, owners admins, nobody an owner), what a ban
// takes away (the membership, its space memberships, its streams' right to events), that it is in
// the audit log and mailed to the person, that no way back in works while it holds (the front
// door, a join request, an invitation, an admin's approval), and that an admin lifts it. Also the
// two small moderation trails: a denied join request is told by mail, and a moderator's delete of
// someone's chat message is in the audit log.
import { activity, and, eq, invitation, member, organizationBan, spaceMember } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let guild: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<ApiFixture["anonymous"]>>;
let owner: Caller;
let admin: Caller;
let moderator: Caller;

const spaceFields = { description: "", icon: "", type: "discussion" as const, section: "" };

async function isMember(userId: string) {
  const rows = await fx.db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, guild.org.id), eq(member.userId, userId)));
  return rows.length > 0;
}

/** The refusal's code and message, as the person trying to come back reads it. */
async function messageOf(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof Error && "code" in error)
      return { code: String(error.code), message: error.message };
    throw error;
  }
}

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  guild = await fx.createOrg("bans", ["admin", "moderator"], { plan: "pro" });
  owner = await guild.owner.caller("bans");
  admin = await guild.members.admin!.caller("bans");
  moderator = await guild.members.moderator!.caller("bans");
  await owner.organization.update({ joinPolicy: "open" });
});
afterAll(() => fx.drop());

describe("who may ban whom", () => {
  it("lets moderators ban plain members only, admins moderators, and nobody an owner or themselves", async () => {
    const plain = await fx.addMember(guild.org.id, "member");
    const peerModerator = await fx.addMember(guild.org.id, "moderator");
    const peerAdmin = await fx.addMember(guild.org.id, "admin");
    const reason = "Rules";
    const plainCaller = await plain.caller("bans");

    expect(
      await messageOf(plainCaller.ban.create({ memberId: peerModerator.memberId, reason })),
    ).toMatchObject({ code: "FORBIDDEN" });
    expect(
      await messageOf(moderator.ban.create({ memberId: peerModerator.memberId, reason })),
    ).toEqual({ code: "FORBIDDEN", message: "Moderators can ban plain members only" });
    expect(
      await messageOf(admin.ban.create({ memberId: peerAdmin.memberId, reason })),
    ).toMatchObject({ code: "FORBIDDEN" });
    expect(await messageOf(admin.ban.create({ memberId: guild.owner.memberId, reason }))).toEqual({
      code: "FORBIDDEN",
      message: "Nobody can ban an owner",
    });
    expect(
      await refusalOf(
        moderator.ban.create({ memberId: guild.members.moderator!.memberId, reason }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["memberId"] });
    // A reason is required, and checked by the shared schema.
    expect(
      await refusalOf(moderator.ban.create({ memberId: plain.memberId, reason: " " })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["reason"] });
    expect(await isMember(peerModerator.id)).toBe(true);
    expect(await isMember(peerAdmin.id)).toBe(true);

    await moderator.ban.create({ memberId: plain.memberId, reason });
    await admin.ban.create({ memberId: peerModerator.memberId, reason });
    await owner.ban.create({ memberId: peerAdmin.memberId, reason });
    for (const person of [plain, peerModerator, peerAdmin])
      expect(await isMember(person.id)).toBe(false);
    // Moderators ban; only admins see the list and lift.
    expect(await codeOf(moderator.ban.list())).toBe("FORBIDDEN");
    expect((await admin.ban.list()).map((b) => b.name)).toEqual(
      expect.arrayContaining([plain.name, peerModerator.name, peerAdmin.name]),
    );
  });
});

describe("a ban", () => {
  it("ends the membership and its space memberships, is audited with who and why, and is mailed", async () => {
    const carol = await fx.addMember(guild.org.id, "member", { name: "Carol Banned" });
    const club = await owner.space.create({
      ...spaceFields,
      name: "Club",
      slug: "club",
      visibility: "private",
    });
    await owner.space.addMember({ spaceId: club.id, memberId: carol.memberId });
    const carolCaller = await carol.caller("bans");
    expect((await carolCaller.organization.current()).membership.role).toBe("member");

    const ban = await moderator.ban.create({ memberId: carol.memberId, reason: "Spam links" });
    expect(await isMember(carol.id)).toBe(false);
    const spaceRows = await fx.db
      .select()
      .from(spaceMember)
      .where(and(eq(spaceMember.organizationId, guild.org.id), eq(spaceMember.spaceId, club.id)));
    expect(spaceRows.map((row) => row.memberId)).not.toContain(carol.memberId);
    expect(await codeOf(carolCaller.organization.current())).toBe("NOT_FOUND");

    const [row] = await fx.db.select().from(organizationBan).where(eq(organizationBan.id, ban.id));
    expect(row).toMatchObject({
      userId: carol.id,
      name: "Carol Banned",
      email: carol.email,
      reason: "Spam links",
      bannedByMemberId: guild.members.moderator!.memberId,
      liftedAt: null,
    });
    const [audited] = await fx.db
      .select()
      .from(activity)
      .where(and(eq(activity.organizationId, guild.org.id), eq(activity.targetId, ban.id)));
    expect(audited).toMatchObject({
      action: "member.banned",
      actorMemberId: guild.members.moderator!.memberId,
      changes: {
        member: { from: "Carol Banned (member)", to: null },
        reason: { from: null, to: "Spam links" },
      },
    });
    // Admins read it in the organization's audit log.
    const log = await admin.activity.list({});
    expect(log.items.map((entry) => entry.action)).toContain("member.banned");

    await fx.runJobs();
    const mail = fx.mailer.mailbox?.list(carol.email) ?? [];
    expect(mail.map((m) => m.subject)).toContain("You were removed from Org bans");
    expect(mail.find((m) => m.subject.startsWith("You were removed"))?.text).toContain(
      "Spam links",
    );
  });

  it("keeps the person out by every way in until an admin lifts it", async () => {
    const dan = await fx.addMember(guild.org.id, "member", { name: "Dan" });
    const danApi = await dan.caller();
    const ban = await moderator.ban.create({ memberId: dan.memberId, reason: "Harassment" });
    const refusal = {
      code: "FORBIDDEN",
      message: "You were banned from this community and cannot join it again",
    };

    // The front door, open policy.
    expect(await messageOf(danApi.join.join({ slug: "bans" }))).toEqual(refusal);
    // A paid tier's checkout is refused before Stripe is asked.
    expect(
      await messageOf(
        danApi.join.checkout({
          slug: "bans",
          tierId: "00000000-0000-4000-8000-000000000000",
          interval: "month",
        }),
      ),
    ).toEqual(refusal);
    // Asking to join, where admins approve.
    await owner.organization.update({ joinPolicy: "approval" });
    expect(await messageOf(danApi.join.join({ slug: "bans" }))).toEqual(refusal);
    await owner.organization.update({ joinPolicy: "open" });
    // The public page says so instead of offering to join.
    expect((await danApi.publicPage.get({ slug: "bans" })).viewer).toEqual({ standing: "banned" });
    // Inviting them is refused by their address; an invitation that got through anyway (written
    // here directly, as one racing the ban would be) cannot be accepted.
    expect(await refusalOf(admin.invitation.create({ email: dan.email, role: "member" }))).toEqual({
      code: "CONFLICT",
      fields: ["email"],
    });
    const [raced] = await fx.db
      .insert(invitation)
      .values({
        organizationId: guild.org.id,
        email: dan.email,
        role: "member",
        inviterId: guild.owner.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning({ id: invitation.id });
    expect(await messageOf(danApi.me.invitations.accept({ id: raced!.id }))).toEqual(refusal);
    const [stillPending] = await fx.db
      .select({ status: invitation.status })
      .from(invitation)
      .where(eq(invitation.id, raced!.id));
    expect(stillPending?.status).toBe("pending");
    expect(await isMember(dan.id)).toBe(false);

    // Lifting is the admins'; then the front door takes them again.
    expect(await codeOf(moderator.ban.lift({ id: ban.id }))).toBe("FORBIDDEN");
    await admin.ban.lift({ id: ban.id });
    expect(await codeOf(admin.ban.lift({ id: ban.id }))).toBe("CONFLICT");
    const lifted = await admin.ban.list();
    expect(lifted.find((b) => b.id === ban.id)?.liftedAt).toBeInstanceOf(Date);
    expect(await danApi.join.join({ slug: "bans" })).toMatchObject({ status: "member" });
    expect(await isMember(dan.id)).toBe(true);
    const actions = (await admin.activity.list({})).items.map((entry) => entry.action);
    expect(actions).toContain("member.ban_lifted");
  });

  it("closes the person's pending join request: an admin can no longer approve it", async () => {
    await owner.organization.update({ joinPolicy: "approval" });
    const erin = await fx.signUp("Erin");
    const erinApi = await erin.caller();
    expect(await erinApi.join.join({ slug: "bans" })).toMatchObject({ status: "pending" });
    const [request] = (await owner.joinRequest.list({ status: "pending" })).filter(
      (r) => r.email === erin.email,
    );
    // Made a member by an admin directly, then banned: the old request is closed with the ban.
    const [joined] = await fx.db
      .insert(member)
      .values({ organizationId: guild.org.id, userId: erin.id, role: "member" })
      .returning({ id: member.id });
    await moderator.ban.create({ memberId: joined!.id, reason: "Impersonation" });
    expect(await codeOf(owner.joinRequest.approve({ id: request!.id }))).toBe("CONFLICT");
    expect(await isMember(erin.id)).toBe(false);
    await owner.organization.update({ joinPolicy: "open" });
  });
});

describe("moderation trails", () => {
  it("tells a denied join requester by mail", async () => {
    await owner.organization.update({ joinPolicy: "approval" });
    const fay = await fx.signUp("Fay");
    await (await fay.caller()).join.join({ slug: "bans" });
    const [request] = (await owner.joinRequest.list({ status: "pending" })).filter(
      (r) => r.email === fay.email,
    );
    await admin.joinRequest.deny({ id: request!.id });
    await fx.runJobs();
    expect((fx.mailer.mailbox?.list(fay.email) ?? []).map((m) => m.subject)).toContain(
      "Your request to join Org bans was declined",
    );
    await owner.organization.update({ joinPolicy: "open" });
  });

  it("records a moderator's delete of someone's chat message, not an author's own", async () => {
    const chat = await owner.space.create({
      ...spaceFields,
      name: "Chatter",
      slug: "chatter",
      type: "chat",
      visibility: "public",
    });
    const gus = await fx.addMember(guild.org.id, "member", { name: "Gus" });
    const gusApi = await gus.caller("bans");
    const theirs = await gusApi.chat.post({ spaceId: chat.id, body: "buy cheap stuff" });
    const own = await gusApi.chat.post({ spaceId: chat.id, body: "oops" });
    await gusApi.chat.remove({ id: own.id });
    await moderator.chat.remove({ id: theirs.id });
    const rows = await fx.db
      .select({
        action: activity.action,
        targetId: activity.targetId,
        actor: activity.actorMemberId,
      })
      .from(activity)
      .where(
        and(eq(activity.organizationId, guild.org.id), eq(activity.targetType, "chat_message")),
      );
    expect(rows).toEqual([
      {
        action: "chat_message.moderator_deleted",
        targetId: theirs.id,
        actor: guild.members.moderator!.memberId,
      },
    ]);
  });
});
