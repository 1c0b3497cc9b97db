// Account flows over real HTTP, the way the web app and a user's mail client drive them.
import { startSmtpSink } from "@guild/auth/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  Browser,
  createServerFixture,
  currentSession,
  linkInMail,
  mailsTo,
  readJson,
  signIn,
  signUpAndVerify,
  TEST_PASSWORD,
  uniqueEmail,
  uniqueIp,
} from "./testing.ts";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
// Behind a (simulated) proxy, so each test signs in from its own address and owns its
// rate-limit budget; rate limiting itself is tested in rate-limit.test.ts.
beforeAll(async () => {
  fx = await createServerFixture(inject("pgAdminUrl"), { TRUST_PROXY: true });
});
afterAll(() => fx.close());

const browser = () => new Browser(fx.server.url, { ip: uniqueIp() });
const errorBody = z.object({ code: z.string().optional(), message: z.string() });

describe("sign-up and email verification", () => {
  it("refuses sign-in until the mailed link is opened, which then signs the user in", async () => {
    const tab = browser();
    const email = uniqueEmail("signup");
    const signUp = await tab.post("/api/auth/sign-up/email", {
      name: "Vera Verify",
      email,
      password: TEST_PASSWORD,
    });
    expect(signUp.status).toBe(200);
    expect(await currentSession(tab)).toBeNull();

    const early = await signIn(tab, email);
    expect(early.status).toBe(403);
    expect((await readJson(early, errorBody)).code).toBe("EMAIL_NOT_VERIFIED");
    expect(await currentSession(tab)).toBeNull();

    const [mail] = await mailsTo(fx.server.url, email);
    expect(mail?.subject).toMatch(/verify your email/i);
    expect(mail?.text).toContain("Vera Verify");
    const link = await linkInMail(fx.server.url, email, /verify your email/i);
    expect(link.startsWith(`${fx.server.url}/api/auth/verify-email?token=`)).toBe(true);

    const opened = await tab.request(link);
    expect(opened.status).toBeLessThan(400);
    const session = await currentSession(tab);
    expect(session?.user).toMatchObject({ email, emailVerified: true });

    // The same cookie works for the API, not just for better-auth.
    const me = await tab.request("/api/trpc/me.session");
    expect(me.status).toBe(200);
    const body = await readJson(
      me,
      z.object({ result: z.object({ data: z.object({ json: z.object({ email: z.string() }) }) }) }),
    );
    expect(body.result.data.json.email).toBe(email);

    // And a fresh tab can now sign in with the password.
    const other = browser();
    expect((await signIn(other, email)).status).toBe(200);
    expect((await currentSession(other))?.user.email).toBe(email);
  });

  it("does not reveal or take over an address that is taken", async () => {
    const email = uniqueEmail("taken");
    await signUpAndVerify(browser(), email);
    const impostor = browser();
    const again = await impostor.post("/api/auth/sign-up/email", {
      name: "Impostor",
      email,
      password: "another-password-1",
    });
    // Same answer as a real sign-up (no account enumeration), but nothing changes.
    expect(again.status).toBe(200);
    const fresh = await browser().post("/api/auth/sign-up/email", {
      name: "Newcomer",
      email: uniqueEmail("fresh"),
      password: "another-password-1",
    });
    const answer = z.object({
      token: z.null(),
      user: z.record(z.string(), z.unknown()),
    });
    const takenUser = (await readJson(again, answer)).user;
    const freshUser = (await readJson(fresh, answer)).user;
    expect(Object.keys(takenUser).sort()).toEqual(Object.keys(freshUser).sort());
    const visible = ({ role, banned, banReason, banExpires, emailVerified }: typeof takenUser) => ({
      role,
      banned,
      banReason,
      banExpires,
      emailVerified,
    });
    expect(visible(takenUser)).toEqual(visible(freshUser));
    // The address's owner hears of it; the impostor learns nothing.
    const [notice] = await mailsTo(fx.server.url, email);
    expect(notice?.subject).toBe("You already have a Guild account");
    expect(await currentSession(impostor)).toBeNull();
    expect((await signIn(browser(), email, "another-password-1")).status).toBe(401);
    expect((await signIn(browser(), email)).status).toBe(200);
  });

  it("rejects a tampered verification link", async () => {
    const tab = browser();
    const email = uniqueEmail("tamper");
    await tab.post("/api/auth/sign-up/email", { name: "T", email, password: TEST_PASSWORD });
    const link = await linkInMail(fx.server.url, email, /verify your email/i);
    const tampered = link.replace(
      /token=([^&]+)/,
      (_, token: string) => `token=${token.slice(0, -4)}AAAA`,
    );
    const opened = await tab.request(tampered);
    expect(opened.status).toBe(302);
    expect(
      new URL(opened.headers.get("location") ?? "", fx.server.url).searchParams.get("error"),
    ).toBe("INVALID_TOKEN");
    expect(await currentSession(tab)).toBeNull();
    expect((await signIn(browser(), email)).status).toBe(403);
  });
});

describe("sign-in and sign-out", () => {
  it("refuses a wrong password and forgets the session on sign-out", async () => {
    const email = uniqueEmail("signout");
    await signUpAndVerify(browser(), email);
    const tab = browser();
    expect((await signIn(tab, email, "wrong-password-99")).status).toBe(401);
    expect((await signIn(tab, email)).status).toBe(200);
    const cookie = tab.cookieHeader;
    expect(await currentSession(tab)).not.toBeNull();

    expect((await tab.post("/api/auth/sign-out", {})).status).toBe(200);
    expect(await currentSession(tab)).toBeNull();
    // The old cookie is dead on the server too, not just forgotten by the browser.
    const replay = await fetch(new URL("/api/auth/get-session", fx.server.url), {
      headers: { cookie },
    });
    expect(await replay.json()).toBeNull();
  });
});

describe("forgot and reset password", () => {
  it("resets through the mailed link: old password and every old session stop working", async () => {
    const email = uniqueEmail("reset");
    const laptop = browser();
    await signUpAndVerify(laptop, email);
    expect(await currentSession(laptop)).not.toBeNull();

    const forgetful = browser();
    const request = await forgetful.post("/api/auth/request-password-reset", {
      email,
      redirectTo: "/reset-password",
    });
    expect(request.status).toBe(200);
    const link = await linkInMail(fx.server.url, email, /reset your guild password/i);

    // Opening the link lands on the web app's reset page with the token in the URL.
    const opened = await forgetful.request(link);
    expect(opened.status).toBe(302);
    const landing = new URL(opened.headers.get("location") ?? "", fx.server.url);
    expect(landing.pathname).toBe("/reset-password");
    const token = landing.searchParams.get("token");
    expect(token).toBeTruthy();

    const newPassword = "brand-new-password-42";
    const reset = await forgetful.post("/api/auth/reset-password", { newPassword, token });
    expect(reset.status).toBe(200);

    expect(await currentSession(laptop)).toBeNull();
    expect((await signIn(browser(), email)).status).toBe(401);
    expect((await signIn(browser(), email, newPassword)).status).toBe(200);

    // The token is single-use.
    const replay = await browser().post("/api/auth/reset-password", {
      newPassword: "yet-another-password-7",
      token,
    });
    expect(replay.status).toBe(400);
    expect((await signIn(browser(), email, "yet-another-password-7")).status).toBe(401);
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const email = uniqueEmail("nobody");
    const request = await browser().post("/api/auth/request-password-reset", {
      email,
      redirectTo: "/reset-password",
    });
    expect(request.status).toBe(200);
    expect(await mailsTo(fx.server.url, email, 0)).toEqual([]);
  });

  it("answers before a slow mail server does, so timing doesn't tell registered addresses apart", async () => {
    // A relay that takes 1.5 s to greet, reached through nodemailer as in production. Its own
    // database: the other test server's job runner would otherwise send this one's mail.
    const relay = await startSmtpSink({ greetingDelayMs: 1500 });
    const own = await createServerFixture(inject("pgAdminUrl"), {
      TRUST_PROXY: true,
      SMTP_URL: relay.url,
    });
    const { server } = own;
    try {
      const ask = async (email: string) => {
        const started = performance.now();
        const response = await new Browser(server.url, { ip: uniqueIp() }).post(
          "/api/auth/request-password-reset",
          { email, redirectTo: "/reset-password" },
        );
        expect(response.status).toBe(200);
        return performance.now() - started;
      };
      expect(await ask("owner@demo.guild")).toBeLessThan(1000);
      expect(await ask(uniqueEmail("nobody"))).toBeLessThan(1000);
      // The mail still goes out, after the answer.
      for (let waited = 0; relay.received.length === 0 && waited < 10_000; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(relay.received.map((m) => m.to)).toEqual([["<owner@demo.guild>"]]);
    } finally {
      await own.close();
      await relay.close();
    }
  });
});

describe("change password", () => {
  it("needs the current password and can sign out every other device", async () => {
    const email = uniqueEmail("change-pw");
    const laptop = browser();
    await signUpAndVerify(laptop, email);
    const phone = browser();
    expect((await signIn(phone, email)).status).toBe(200);

    const wrong = await laptop.post("/api/auth/change-password", {
      currentPassword: "not-my-password",
      newPassword: "changed-password-1",
    });
    expect(wrong.status).toBe(400);
    expect(await currentSession(phone)).not.toBeNull();

    const changed = await laptop.post("/api/auth/change-password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "changed-password-1",
      revokeOtherSessions: true,
    });
    expect(changed.status).toBe(200);
    expect(await currentSession(laptop)).not.toBeNull();
    expect(await currentSession(phone)).toBeNull();
    expect((await signIn(browser(), email)).status).toBe(401);
    expect((await signIn(browser(), email, "changed-password-1")).status).toBe(200);
  });

  it("refuses a new password that is too short", async () => {
    const email = uniqueEmail("short-pw");
    const tab = browser();
    await signUpAndVerify(tab, email);
    const short = await tab.post("/api/auth/change-password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "short",
    });
    expect(short.status).toBe(400);
    expect((await signIn(browser(), email)).status).toBe(200);
  });
});

describe("change email", () => {
  it("confirms from the old address, verifies the new one, then signs in with it", async () => {
    const oldEmail = uniqueEmail("old");
    const newEmail = uniqueEmail("new");
    const tab = browser();
    await signUpAndVerify(tab, oldEmail);

    const change = await tab.post("/api/auth/change-email", { newEmail, callbackURL: "/account" });
    expect(change.status).toBe(200);
    // Nothing changes until the owner of the old address confirms.
    expect((await currentSession(tab))?.user.email).toBe(oldEmail);
    // The verification mail came first: wait for the second.
    const confirmation = (await mailsTo(fx.server.url, oldEmail, 2)).find((m) =>
      /confirm your new guild email/i.test(m.subject),
    );
    expect(confirmation?.text).toContain(newEmail);
    expect(confirmation?.link).toBeTruthy();

    const confirmed = await tab.request(confirmation?.link ?? "");
    expect(confirmed.status).toBe(302);
    expect((await currentSession(tab))?.user.email).toBe(oldEmail);

    // Then the new address proves it can receive mail.
    const verifyLink = await linkInMail(fx.server.url, newEmail, /verify your email/i);
    const verified = await tab.request(verifyLink);
    expect(verified.status).toBe(302);
    expect(new URL(verified.headers.get("location") ?? "", fx.server.url).pathname).toBe(
      "/account",
    );
    expect((await currentSession(tab))?.user).toMatchObject({
      email: newEmail,
      emailVerified: true,
    });

    expect((await signIn(browser(), oldEmail)).status).toBe(401);
    expect((await signIn(browser(), newEmail)).status).toBe(200);
  });
});

describe("sessions", () => {
  it("lists the user's sessions and revokes another device", async () => {
    const email = uniqueEmail("sessions");
    const laptop = browser();
    await signUpAndVerify(laptop, email);
    const phone = browser();
    expect((await signIn(phone, email)).status).toBe(200);
    const phoneSession = await currentSession(phone);

    const sessionList = z.array(
      z.object({ id: z.string(), token: z.string(), userId: z.string() }),
    );
    const listed = await readJson(await laptop.request("/api/auth/list-sessions"), sessionList);
    expect(listed).toHaveLength(2);
    expect(listed.map((s) => s.id)).toContain(phoneSession?.session.id);

    const revoke = await laptop.post("/api/auth/revoke-session", {
      token: phoneSession?.session.token,
    });
    expect(revoke.status).toBe(200);
    expect(await currentSession(phone)).toBeNull();
    expect(await currentSession(laptop)).not.toBeNull();
    const after = await readJson(await laptop.request("/api/auth/list-sessions"), sessionList);
    expect(after.map((s) => s.id)).not.toContain(phoneSession?.session.id);
    expect(after).toHaveLength(1);
  });

  it("does not let one user revoke another user's session", async () => {
    const alice = browser();
    await signUpAndVerify(alice, uniqueEmail("alice"));
    const mallory = browser();
    await signUpAndVerify(mallory, uniqueEmail("mallory"));
    const aliceSession = await currentSession(alice);
    await mallory.post("/api/auth/revoke-session", { token: aliceSession?.session.token });
    expect(await currentSession(alice)).not.toBeNull();
  });

  it("refuses the session list without a session", async () => {
    expect((await browser().request("/api/auth/list-sessions")).status).toBe(401);
  });
});
