// "Delete my account" over HTTP: proof of identity, the last-owner rule, and what goes and what
// stays once it is done.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  Browser,
  createServerFixture,
  currentSession,
  readJson,
  signIn,
  signUpAndVerify,
  TEST_PASSWORD,
  totpCode,
  uniqueEmail,
  uniqueIp,
} from "./testing.ts";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
beforeAll(async () => {
  fx = await createServerFixture(inject("pgAdminUrl"), { TRUST_PROXY: true });
});
afterAll(() => fx.close());

const browser = () => new Browser(fx.server.url, { ip: uniqueIp() });
const refusal = z.object({
  error: z.object({
    json: z.object({
      message: z.string(),
      data: z.object({
        code: z.string(),
        fieldErrors: z.record(z.string(), z.array(z.string()).optional()).nullable(),
      }),
    }),
  }),
});
const ok = z.object({ result: z.object({ data: z.object({ json: z.unknown() }) }) });

const call = (tab: Browser, path: string, input: unknown, org?: string) =>
  tab.post(`/api/trpc/${path}`, { json: input }, org ? { "x-guild-org": org } : undefined);
const deleteAccount = (tab: Browser, input: unknown) => call(tab, "me.deleteAccount", input);

async function person(label: string) {
  const tab = browser();
  const email = uniqueEmail(label);
  const session = await signUpAndVerify(tab, email);
  return { tab, email, id: session.user.id };
}

describe("delete my account", () => {
  it("is refused while the user is the last owner of an organization, naming it", async () => {
    const owner = await person("owner");
    const slug = `solo-${Date.now().toString(36)}`;
    await readJson(
      await call(owner.tab, "me.organizations.create", { name: "Solo Works", slug }),
      ok,
    );
    const refused = await deleteAccount(owner.tab, { password: TEST_PASSWORD });
    expect(refused.status).toBe(409);
    expect((await readJson(refused, refusal)).error.json.message).toBe(
      "You are the last owner of Solo Works. Make someone else an owner, or delete it, first.",
    );
    expect(await currentSession(owner.tab)).not.toBeNull();
  });

  it("asks for the password, then removes the user, memberships and sessions; their leads stay", async () => {
    const owner = await person("keeper");
    const leaver = await person("leaver");
    const slug = `team-${Date.now().toString(36)}`;
    await readJson(await call(owner.tab, "me.organizations.create", { name: "Team", slug }), ok);
    // The leaver joins as an admin (invitation accepted), writes a lead and invites someone.
    await readJson(
      await call(owner.tab, "invitation.create", { email: leaver.email, role: "admin" }, slug),
      ok,
    );
    const [{ id: invitationId } = { id: "" }] = await fx.database.sql<{ id: string }[]>`
      select id from invitation where email = ${leaver.email}`;
    await readJson(await call(leaver.tab, "me.invitations.accept", { id: invitationId }), ok);
    const lead = z
      .object({ result: z.object({ data: z.object({ json: z.object({ id: z.string() }) }) }) })
      .parse(await (await call(leaver.tab, "lead.create", { name: "Left behind" }, slug)).json());
    const invitee = uniqueEmail("invitee");
    await readJson(
      await call(leaver.tab, "invitation.create", { email: invitee, role: "member" }, slug),
      ok,
    );
    // A second device.
    const phone = browser();
    expect((await signIn(phone, leaver.email)).status).toBe(200);

    const wrong = await deleteAccount(leaver.tab, { password: "not-my-password" });
    expect(wrong.status).toBe(400);
    expect((await readJson(wrong, refusal)).error.json.data.fieldErrors).toEqual({
      password: ["Wrong password"],
    });

    const done = await deleteAccount(leaver.tab, { password: TEST_PASSWORD });
    expect(done.status).toBe(200);
    expect(await currentSession(leaver.tab)).toBeNull();
    expect(await currentSession(phone)).toBeNull();
    expect((await signIn(browser(), leaver.email)).status).toBe(401);
    const rows = await fx.database.sql`
      select (select count(*)::int from "user" where id = ${leaver.id}) as users,
             (select count(*)::int from member where user_id = ${leaver.id}) as memberships,
             (select count(*)::int from session where user_id = ${leaver.id}) as sessions,
             (select status from invitation where email = ${invitee}) as invitation`;
    expect(rows[0]).toEqual({ users: 0, memberships: 0, sessions: 0, invitation: "revoked" });

    // The lead is still there for the organization, its author shown as a former member.
    const byId = await owner.tab.request(
      `/api/trpc/lead.byId?input=${encodeURIComponent(JSON.stringify({ json: { id: lead.result.data.json.id } }))}`,
      { headers: { "x-guild-org": slug } },
    );
    expect(byId.status).toBe(200);
    expect(await byId.text()).toContain("Left behind");
  });

  it("asks for the authenticator code when two-factor sign-in is on", async () => {
    const user = await person("twofactor");
    const enabled = z
      .object({ totpURI: z.string() })
      .parse(
        await (
          await user.tab.post("/api/auth/two-factor/enable", { password: TEST_PASSWORD })
        ).json(),
      );
    const verify = await user.tab.post("/api/auth/two-factor/verify-totp", {
      code: totpCode(enabled.totpURI),
    });
    expect(verify.status).toBe(200);

    const noCode = await deleteAccount(user.tab, { password: TEST_PASSWORD });
    expect((await readJson(noCode, refusal)).error.json.data.fieldErrors).toEqual({
      code: ["Enter the code from your authenticator app"],
    });
    const wrongCode = await deleteAccount(user.tab, { password: TEST_PASSWORD, code: "000000" });
    expect((await readJson(wrongCode, refusal)).error.json.data.fieldErrors).toEqual({
      code: ["Wrong code"],
    });
    const done = await deleteAccount(user.tab, {
      password: TEST_PASSWORD,
      code: totpCode(enabled.totpURI),
    });
    expect(done.status).toBe(200);
    expect(await currentSession(user.tab)).toBeNull();
  });

  it("gives a stolen session 5 guesses at the password in 15 minutes", async () => {
    const user = await person("guessed-delete");
    for (let i = 0; i < 5; i++)
      expect((await deleteAccount(user.tab, { password: `guess-${i}` })).status).toBe(400);
    const limited = await deleteAccount(user.tab, { password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(await currentSession(user.tab)).not.toBeNull();
  });
});
