// An invitation link opened signed out: what it tells its holder (invitationLink.preview), and a
// sign-up from it, verified by the invitation instead of a mail.
import { eq, invitation, user } from "@guild/db";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCaller } from "../index.ts";
import { invitationKey } from "../services/invitation-key.ts";
import {
  type ApiFixture,
  codeOf,
  createApiFixture,
  TEST_PASSWORD,
  TEST_SECRET,
} from "../testing.ts";
import { reasonOf } from "../trpc-errors.ts";

let fx: ApiFixture;
let team: Awaited<ReturnType<ApiFixture["createOrg"]>>;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  team = await fx.createOrg("links", ["admin"]);
});
afterAll(() => fx.drop());

async function invite(email: string) {
  const admin = await team.members.admin!.caller("links");
  return admin.invitation.create({ email, role: "member" });
}

async function expire(id: string) {
  await fx.db
    .update(invitation)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(invitation.id, id));
}

/** The link's key, as the mail carries it. */
const keyOf = (invitationId: string) => invitationKey(TEST_SECRET, invitationId);

/**
 * Signs up through better-auth as the web form does, with the invitation link's id and key in
 * the body (the key of that id unless given).
 */
async function signUpFrom(email: string, invitationId: string | undefined, key?: string) {
  const response = await fx.auth.api.signUpEmail({
    body: {
      name: "Nia",
      email,
      password: TEST_PASSWORD,
      ...(invitationId
        ? { invitationId, invitationKey: key ?? invitationKey(TEST_SECRET, invitationId) }
        : {}),
    },
    asResponse: true,
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const [row] = await fx.db.select().from(user).where(eq(user.email, email.toLowerCase()));
  return { cookie, verified: row?.emailVerified ?? null };
}

const verificationMails = (email: string) =>
  (fx.mailer.mailbox?.list(email.toLowerCase()) ?? []).filter((m) =>
    m.subject.startsWith("Verify your email"),
  );

describe("invitationLink.preview", () => {
  it("tells anyone holding the link who invites whom to which organization, and nothing more", async () => {
    const sent = await invite("preview@test.example");
    const preview = await (await fx.anonymous()).invitationLink.preview({
      id: sent.id,
      key: keyOf(sent.id),
    });
    expect(preview).toEqual({
      email: "preview@test.example",
      role: "member",
      expiresAt: sent.expiresAt,
      organizationName: "Org links",
      inviterName: team.members.admin!.name,
    });
  });

  it("says clearly why an unknown, expired, accepted or closed link cannot be used", async () => {
    const anonymous = await fx.anonymous();
    const refusal = (id: string, key = keyOf(id)) =>
      anonymous.invitationLink.preview({ id, key }).then(
        () => null,
        (e: unknown) =>
          e instanceof TRPCError
            ? { code: e.code, message: e.message, reason: reasonOf(e.cause) }
            : e,
      );
    expect(await refusal("00000000-0000-4000-8000-000000000000")).toMatchObject({
      code: "NOT_FOUND",
      message: "This invitation link is not valid: check the link in the mail",
    });
    expect(await codeOf(anonymous.invitationLink.preview({ id: "not-a-uuid", key: "k" }))).toBe(
      "BAD_REQUEST",
    );
    // The id alone (admins see it in their list) or with another key is not the link.
    const pending = await invite("keyed@test.example");
    for (const key of ["", "wrong", keyOf("00000000-0000-4000-8000-000000000000")])
      expect(await refusal(pending.id, key)).toMatchObject({
        code: "NOT_FOUND",
        message: "This invitation link is not valid: check the link in the mail",
      });

    const expired = await invite("expired-link@test.example");
    await expire(expired.id);
    expect(await refusal(expired.id)).toMatchObject({
      code: "CONFLICT",
      message: "This invitation has expired: ask the person who invited you for a new one",
      reason: "INVITATION_EXPIRED",
    });

    const used = await fx.signUp("Used");
    const accepted = await invite(used.email);
    await (await used.caller()).me.invitations.accept({ id: accepted.id });
    expect(await refusal(accepted.id)).toMatchObject({
      code: "CONFLICT",
      message: "This invitation was already accepted: sign in to open it",
      reason: "INVITATION_ACCEPTED",
    });

    const revoked = await invite("revoked-link@test.example");
    await (await team.members.admin!.caller("links")).invitation.revoke({ id: revoked.id });
    expect(await refusal(revoked.id)).toMatchObject({
      code: "CONFLICT",
      message: "This invitation is no longer valid: ask the person who invited you for a new one",
      reason: "INVITATION_CLOSED",
    });
  });
});

describe("sign-up from an invitation", () => {
  it("is verified, signed in and sent no verification mail when the invitation proves the address", async () => {
    const sent = await invite("nia@test.example");
    // The address is compared case-insensitively.
    const { cookie, verified } = await signUpFrom("NIA@Test.example", sent.id);
    expect(verified).toBe(true);
    expect(cookie).toMatch(/session_token=/);
    expect(verificationMails("nia@test.example")).toEqual([]);

    // The session works, and the invitee accepts at once (accepting needs a verified address).
    const headers = new Headers({ cookie });
    const api = await createCaller(fx.deps, { headers });
    expect(await api.me.session()).toMatchObject({
      email: "nia@test.example",
      emailVerified: true,
    });
    expect(await api.me.invitations.accept({ id: sent.id })).toMatchObject({
      status: "accepted",
      organizationSlug: "links",
    });
  });

  it("verifies by mail as usual when the invitation does not prove the address", async () => {
    const other = await invite("addressee@test.example");
    const expired = await invite("late@test.example");
    await expire(expired.id);
    const used = await invite("used@test.example");
    await fx.db.update(invitation).set({ status: "accepted" }).where(eq(invitation.id, used.id));
    const declined = await invite("declined@test.example");
    await fx.db
      .update(invitation)
      .set({ status: "declined" })
      .where(eq(invitation.id, declined.id));
    const revoked = await invite("revoked@test.example");
    await (await team.members.admin!.caller("links")).invitation.revoke({ id: revoked.id });

    // An admin of the organization sees the invitation's id, but only the mail has the key.
    const listed = await invite("listed@test.example");
    const cases: [email: string, invitationId: string | undefined, key?: string][] = [
      ["listed@test.example", listed.id, ""],
      ["listed@test.example", listed.id, "forged-key"],
      ["listed@test.example", listed.id, keyOf(other.id)],
      // Someone else's invitation: the link does not prove this address.
      ["intruder@test.example", other.id],
      ["late@test.example", expired.id],
      ["used@test.example", used.id],
      ["declined@test.example", declined.id],
      ["revoked@test.example", revoked.id],
      ["unknown-id@test.example", "00000000-0000-4000-8000-000000000000"],
      ["not-an-id@test.example", "not-an-id"],
      ["no-invitation@test.example", undefined],
    ];
    for (const [email, invitationId, key] of cases) {
      if (email === "listed@test.example") await fx.db.delete(user).where(eq(user.email, email));
      const result = await signUpFrom(email, invitationId, key);
      expect({ email, ...result }).toEqual({ email, cookie: "", verified: false });
      expect(verificationMails(email).length).toBeGreaterThan(0);
    }
    // The invitation used by the intruder is still open for its addressee.
    const [row] = await fx.db.select().from(invitation).where(eq(invitation.id, other.id));
    expect(row?.status).toBe("pending");
  });

  it("answers a registered address as before: no session, no change to the account", async () => {
    const existing = await fx.signUp("Existing");
    const sent = await invite(existing.email);
    const before = await fx.db.select().from(user).where(eq(user.email, existing.email));
    const { cookie } = await signUpFrom(existing.email, sent.id);
    expect(cookie).toBe("");
    expect(await fx.db.select().from(user).where(eq(user.email, existing.email))).toEqual(before);
  });
});
