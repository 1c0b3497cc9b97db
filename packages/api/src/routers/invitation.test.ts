import { createMailer } from "@guild/auth";
import { and, createDb, createTestClock, eq, invitation, user } from "@guild/db";
import { freePort } from "@guild/db/embedded";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCaller } from "../index.ts";
import { invitationKey } from "../services/invitation-key.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf, TEST_SECRET } from "../testing.ts";

let fx: ApiFixture;
let team: Awaited<ReturnType<ApiFixture["createOrg"]>>;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  // Business: these tests invite more staff than Free's 3 seats (entitlements.test.ts has those).
  team = await fx.createOrg("team", ["admin", "member"], { plan: "business" });
});
afterAll(() => fx.drop());

function lastMailTo(email: string) {
  return fx.mailer.mailbox?.list(email)[0];
}

describe("invitations", () => {
  it("invites by email; the invitee accepts through the mailed link and becomes a member", async () => {
    const carol = await fx.signUp("Carol");
    const admin = await team.members.admin!.caller("team");
    const invite = await admin.invitation.create({
      email: carol.email.toUpperCase(),
      role: "moderator",
    });
    expect(invite).toMatchObject({ email: carol.email, role: "moderator", status: "pending" });
    await fx.runJobs();
    const mail = lastMailTo(carol.email);
    expect(mail?.link).toBe(
      `${fx.deps.appUrl}/invitations/${invite.id}?key=${invitationKey(TEST_SECRET, invite.id)}`,
    );
    expect(mail?.subject).toContain("Org team");
    expect((await admin.invitation.list()).map((i) => i.email)).toContain(carol.email);

    const api = await carol.caller();
    expect(await api.me.invitations.list()).toEqual([
      expect.objectContaining({ id: invite.id, organizationSlug: "team" }),
    ]);
    expect(await api.me.invitations.byId({ id: invite.id })).toMatchObject({
      organizationName: "Org team",
      role: "moderator",
      status: "pending",
      expired: false,
    });
    // The answer is the invitation, now accepted: it names the organization to open.
    expect(await api.me.invitations.accept({ id: invite.id })).toMatchObject({
      id: invite.id,
      organizationSlug: "team",
      organizationName: "Org team",
      role: "moderator",
      status: "accepted",
    });
    const current = await (await carol.caller("team")).organization.current();
    expect(current.membership.role).toBe("moderator");
    // Reuse is refused clearly.
    const reuse = await api.me.invitations.accept({ id: invite.id }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(reuse).toMatchObject({
      code: "CONFLICT",
      message: "This invitation was already accepted",
    });
  });

  it("only the invited address can see or answer the invitation", async () => {
    const admin = await team.members.admin!.caller("team");
    const invite = await admin.invitation.create({ email: "dave@invited.example", role: "member" });
    const mallory = await fx.signUp("Mallory");
    const api = await mallory.caller();
    expect(await codeOf(api.me.invitations.byId({ id: invite.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.me.invitations.accept({ id: invite.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.me.invitations.decline({ id: invite.id }))).toBe("NOT_FOUND");
    const [row] = await fx.db.select().from(invitation).where(eq(invitation.id, invite.id));
    expect(row?.status).toBe("pending");
  });

  it("refuses expired, revoked and declined invitations with clear messages", async () => {
    const admin = await team.members.admin!.caller("team");
    const erin = await fx.signUp("Erin");
    const api = await erin.caller();

    const expired = await admin.invitation.create({ email: erin.email, role: "member" });
    await fx.db
      .update(invitation)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitation.id, expired.id));
    expect((await api.me.invitations.byId({ id: expired.id })).expired).toBe(true);
    expect(
      await api.me.invitations.accept({ id: expired.id }).catch((e: unknown) => e),
    ).toMatchObject({
      code: "CONFLICT",
      message: "This invitation has expired: ask for a new one",
    });

    // A new invitation to the same address replaces the expired one.
    const revoked = await admin.invitation.create({ email: erin.email, role: "member" });
    await admin.invitation.revoke({ id: revoked.id });
    expect(
      await api.me.invitations.accept({ id: revoked.id }).catch((e: unknown) => e),
    ).toMatchObject({
      code: "CONFLICT",
      message: "This invitation was revoked",
    });

    const declined = await admin.invitation.create({ email: erin.email, role: "member" });
    expect(await api.me.invitations.decline({ id: declined.id })).toMatchObject({
      id: declined.id,
      status: "declined",
    });
    expect(
      await api.me.invitations.accept({ id: declined.id }).catch((e: unknown) => e),
    ).toMatchObject({
      code: "CONFLICT",
      message: "This invitation was declined",
    });
    expect(await codeOf((await erin.caller("team")).organization.current())).toBe("NOT_FOUND");
  });

  it("refuses duplicates, existing members, roles above the inviter's and unverified invitees", async () => {
    const admin = await team.members.admin!.caller("team");
    await admin.invitation.create({ email: "twice@x.example", role: "member" });
    const dup = admin.invitation.create({ email: "twice@x.example", role: "member" });
    await expect(dup).rejects.toMatchObject({
      message: "This address already has a pending invitation: resend it instead",
    });
    expect(
      await refusalOf(admin.invitation.create({ email: "twice@x.example", role: "member" })),
    ).toEqual({ code: "CONFLICT", fields: ["email"] });
    const existing = await admin.invitation
      .create({ email: team.members.member!.email, role: "member" })
      .catch((e: unknown) => e);
    expect(existing).toMatchObject({
      code: "CONFLICT",
      message: "This person is already a member",
    });
    expect(await codeOf(admin.invitation.create({ email: "boss@x.example", role: "owner" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(admin.invitation.create({ email: "not an email", role: "member" }))).toBe(
      "BAD_REQUEST",
    );
    // Longer than any mailbox, and than an index entry may be (it was a 500).
    const long = `${"a".repeat(3000)}@example.com`;
    expect(await refusalOf(admin.invitation.create({ email: long, role: "member" }))).toEqual({
      code: "BAD_REQUEST",
      fields: ["email"],
    });

    const frank = await fx.signUp("Frank");
    await fx.db.update(user).set({ emailVerified: false }).where(eq(user.id, frank.id));
    const invite = await admin.invitation.create({ email: frank.email, role: "member" });
    expect(await codeOf((await frank.caller()).me.invitations.accept({ id: invite.id }))).toBe(
      "FORBIDDEN",
    );
  });

  it("resends with a fresh expiry and a new mail; concurrent accepts succeed once", async () => {
    const admin = await team.members.admin!.caller("team");
    const gina = await fx.signUp("Gina");
    const invite = await admin.invitation.create({ email: gina.email, role: "member" });
    await fx.db
      .update(invitation)
      .set({ expiresAt: new Date(Date.now() + 1000) })
      .where(eq(invitation.id, invite.id));
    await fx.runJobs();
    const before = fx.mailer.mailbox?.list(gina.email).length ?? 0;
    const resent = await admin.invitation.resend({ id: invite.id });
    expect(resent.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
    await fx.runJobs();
    expect(fx.mailer.mailbox?.list(gina.email).length).toBe(before + 1);
    const api = await gina.caller();
    const results = await Promise.allSettled([
      api.me.invitations.accept({ id: invite.id }),
      api.me.invitations.accept({ id: invite.id }),
      api.me.invitations.accept({ id: invite.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("an admin cannot revive an owner's invitation by resending it", async () => {
    const owner = await team.owner.caller("team");
    const admin = await team.members.admin!.caller("team");
    const invite = await owner.invitation.create({
      email: "next-owner@test.example",
      role: "owner",
    });
    const expired = new Date(Date.now() - 1000);
    await fx.db.update(invitation).set({ expiresAt: expired }).where(eq(invitation.id, invite.id));
    expect(await refusalOf(admin.invitation.resend({ id: invite.id }))).toEqual({
      code: "FORBIDDEN",
      fields: [],
    });
    const [row] = await fx.db.select().from(invitation).where(eq(invitation.id, invite.id));
    expect(row?.expiresAt).toEqual(expired);
    // The owner can.
    const resent = await owner.invitation.resend({ id: invite.id });
    expect(resent.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("mails through a job: a failed send keeps the invitation and is retried until it goes out", async () => {
    const owner = await team.owner.caller("team");
    const invite = await owner.invitation.create({ email: "unlucky@test.example", role: "member" });
    // Nothing is sent inside the request: the job goes out once the transaction has committed.
    expect(lastMailTo("unlucky@test.example")).toBeUndefined();
    // A relay that refuses connections, reached through nodemailer as in production.
    const closed = await freePort();
    const broken = createMailer({ smtpUrl: `smtp://127.0.0.1:${closed}`, from: "x@test.example" });
    await fx.runJobs({ mailer: broken });
    const [job] = await fx.sql<{ attempts: number; last_error: string | null }[]>`
      select attempts, last_error from graphile_worker.jobs where task_identifier = 'invitation.mail'`;
    expect(job?.attempts).toBe(1);
    expect(job?.last_error).toMatch(/ECONNREFUSED/);
    expect(lastMailTo("unlucky@test.example")).toBeUndefined();
    // The retry (due after its backoff) delivers it once the relay is back.
    await fx.sql`update graphile_worker._private_jobs set run_at = now()`;
    await fx.runJobs();
    expect(lastMailTo("unlucky@test.example")?.link).toContain(invite.id);
    expect(await fx.sql`select 1 from graphile_worker.jobs`).toHaveLength(0);
  });

  it("sends no mail for an invitation revoked before its job ran", async () => {
    const owner = await team.owner.caller("team");
    const invite = await owner.invitation.create({
      email: "changed-mind@test.example",
      role: "member",
    });
    await owner.invitation.revoke({ id: invite.id });
    await fx.runJobs();
    expect(lastMailTo("changed-mind@test.example")).toBeUndefined();
  });

  it("explains a refused accept without a second connection (a pool of one does not hang)", async () => {
    const hal = await fx.signUp("Hal");
    const admin = await team.members.admin!.caller("team");
    const invite = await admin.invitation.create({ email: hal.email, role: "member" });
    const single = createDb(fx.url, { max: 1 });
    try {
      const headers = new Headers({ cookie: hal.cookie });
      const api = await createCaller({ ...fx.deps, db: single.db }, { headers });
      await api.me.invitations.accept({ id: invite.id });
      await expect(api.me.invitations.accept({ id: invite.id })).rejects.toMatchObject({
        code: "CONFLICT",
        message: "This invitation was already accepted",
      });
    } finally {
      await single.sql.end();
    }
  }, 10_000);

  it("revokes what a demoted or removed member invited others to beyond their new role", async () => {
    const crew = await fx.createOrg("crew", ["admin"]);
    const owner = await crew.owner.caller("crew");
    const second = crew.members.admin!;
    await owner.member.changeRole({ id: second.memberId, role: "owner" });
    const api = await second.caller("crew");
    const asAdmin = await api.invitation.create({ email: "alt@crew.example", role: "admin" });
    const asMember = await api.invitation.create({ email: "pal@crew.example", role: "member" });
    const statusOf = async (id: string) =>
      (await fx.db.select().from(invitation).where(eq(invitation.id, id)))[0]?.status;
    // Demoted to admin: the admin invitation goes (only owners manage admins), the member one stays.
    await owner.member.changeRole({ id: second.memberId, role: "admin" });
    expect(await statusOf(asAdmin.id)).toBe("revoked");
    expect(await statusOf(asMember.id)).toBe("pending");
    // Removed: nothing they sent stays open.
    await owner.member.remove({ id: second.memberId });
    expect(await statusOf(asMember.id)).toBe("revoked");
  });

  it("applies one rank rule to invite, resend and revoke: only owners manage admins", async () => {
    const ranks = await fx.createOrg("invite-ranks", ["admin"], { plan: "business" });
    const owner = await ranks.owner.caller("invite-ranks");
    const admin = await ranks.members.admin!.caller("invite-ranks");
    for (const role of ["owner", "admin"] as const)
      expect(
        await refusalOf(admin.invitation.create({ email: `${role}@ranks.example`, role })),
      ).toEqual({ code: "FORBIDDEN", fields: ["role"] });
    const forOwner = await owner.invitation.create({ email: "co@ranks.example", role: "owner" });
    const forAdmin = await owner.invitation.create({ email: "ad@ranks.example", role: "admin" });
    // The probe: an admin revoked the owner's owner invitation (resend already refused).
    for (const invite of [forOwner, forAdmin]) {
      await expect(admin.invitation.revoke({ id: invite.id })).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: `Only an owner can revoke an invitation to an ${invite.role}`,
      });
      await expect(admin.invitation.resend({ id: invite.id })).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: `Only an owner can resend an invitation to an ${invite.role}`,
      });
    }
    const pending = await fx.db
      .select({ id: invitation.id })
      .from(invitation)
      .where(and(eq(invitation.organizationId, ranks.org.id), eq(invitation.status, "pending")));
    expect(pending.map((p) => p.id).sort()).toEqual([forOwner.id, forAdmin.id].sort());
    // Below their role, admins do all three.
    const mod = await admin.invitation.create({ email: "mod@ranks.example", role: "moderator" });
    await admin.invitation.resend({ id: mod.id });
    expect(await admin.invitation.revoke({ id: mod.id })).toEqual({ id: mod.id });
    // An id that names nothing pending is NOT_FOUND, for the owner as for the admin.
    expect(await codeOf(owner.invitation.revoke({ id: mod.id }))).toBe("NOT_FOUND");
    expect(await owner.invitation.revoke({ id: forAdmin.id })).toEqual({ id: forAdmin.id });
  });

  it("a removal or demotion racing an admin's invitations leaves none of them open beyond the new role", async () => {
    // An outside probe: 12 parallel invitations while the owner removed the admin kept 10 of
    // them pending (demotion: 7). Each invitation's transaction had checked the admin's role
    // before the removal committed and inserted after the removal's revoke had looked.
    for (const change of ["remove", "demote"] as const) {
      for (let round = 0; round < 3; round++) {
        const slug = `invite-race-${change}-${round}`;
        const org = await fx.createOrg(slug, ["admin"], { plan: "business" });
        const target = org.members.admin!;
        const owner = await org.owner.caller(slug);
        const admin = await target.caller(slug);
        const sends = Array.from({ length: 12 }, (_, i) =>
          admin.invitation.create({ email: `r${round}-${i}@${slug}.example`, role: "moderator" }),
        );
        // Start the owner's change while the invitations are in flight.
        await new Promise((resolve) => setTimeout(resolve, 5 + round * 5));
        const ownerChange =
          change === "remove"
            ? owner.member.remove({ id: target.memberId })
            : owner.member.changeRole({ id: target.memberId, role: "member" });
        const [changed] = await Promise.allSettled([ownerChange, ...sends]);
        expect(changed.status, `${change} round ${round}`).toBe("fulfilled");
        const open = await fx.db
          .select({ email: invitation.email })
          .from(invitation)
          .where(and(eq(invitation.inviterId, target.id), eq(invitation.status, "pending")));
        expect(open, `${change} round ${round}`).toEqual([]);
      }
    }
  }, 60_000);

  it("limits a person to 50 invitation mails an hour across all their organizations", async () => {
    const first = await fx.createOrg("relay-one");
    const api = await first.owner.caller("relay-one");
    for (let i = 0; i < 30; i++)
      await api.invitation.create({ email: `relay-a${i}@test.example`, role: "member" });
    // A second organization of the same person: its own per-admin budget, not a new account one.
    await (await first.owner.caller()).me.organizations.create({
      name: "Relay two",
      slug: "relay-two",
    });
    const second = await first.owner.caller("relay-two");
    for (let i = 0; i < 20; i++)
      await second.invitation.create({ email: `relay-b${i}@test.example`, role: "member" });
    const refused = second.invitation.create({ email: "relay-b20@test.example", role: "member" });
    await expect(refused).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(
        /^Too many invitations sent from your account: 50 allowed per 60 minutes\./,
      ),
    });
    expect(fx.mailer.mailbox?.list("relay-b20@test.example")).toEqual([]);
  });

  it("limits each admin to 30 invitation mails an hour: the 31st gets 429 and writes nothing", async () => {
    const spam = await fx.createOrg("spam", ["admin"]);
    const owner = await spam.owner.caller("spam");
    const orgId = spam.org.id;
    const pending = () =>
      fx.db
        .select({ id: invitation.id })
        .from(invitation)
        .where(and(eq(invitation.organizationId, orgId), eq(invitation.status, "pending")));
    const first = await owner.invitation.create({ email: "spam0@test.example", role: "member" });
    for (let i = 1; i < 29; i++)
      await owner.invitation.create({ email: `spam${i}@test.example`, role: "member" });
    // A resend is a mail too: the 30th.
    await owner.invitation.resend({ id: first.id });
    expect(await pending()).toHaveLength(29);

    const refused = await owner.invitation
      .create({ email: "one-too-many@test.example", role: "member" })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(refused instanceof Error ? refused.message : "").toMatch(
      /^Too many invitations sent: 30 allowed per 60 minutes\. Try again in \d+ minutes\.$/,
    );
    expect(await codeOf(owner.invitation.resend({ id: first.id }))).toBe("TOO_MANY_REQUESTS");
    expect(await pending()).toHaveLength(29);
    expect(fx.mailer.mailbox?.list("one-too-many@test.example")).toEqual([]);

    // Per member: another admin of the organization still can.
    const admin = await spam.members.admin!.caller("spam");
    await admin.invitation.create({ email: "from-the-other-admin@test.example", role: "member" });

    // An hour later the owner can again.
    const headers = new Headers({ cookie: spam.owner.cookie, "x-guild-org": "spam" });
    const ownerLater = await createCaller(
      { ...fx.deps, clock: createTestClock(3600 * 1000 + 1000) },
      { headers },
    );
    await ownerLater.invitation.create({ email: "next-hour@test.example", role: "member" });
    expect(await pending()).toHaveLength(31);
  });
});
