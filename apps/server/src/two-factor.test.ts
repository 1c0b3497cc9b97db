// TOTP two-factor over real HTTP: the codes are computed from the otpauth:// URI exactly as an
// authenticator app would (RFC 6238), not read from the database.
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
const enabledSchema = z.object({ totpURI: z.string(), backupCodes: z.array(z.string()).min(1) });
const signInSchema = z.object({ twoFactorRedirect: z.boolean().optional() });
const PERIOD_MS = 30_000;

/** A verified user who has turned on TOTP; returns what the setup screen showed. */
async function userWithTwoFactor() {
  const email = uniqueEmail("2fa");
  const tab = browser();
  await signUpAndVerify(tab, email);

  const wrongPassword = await tab.post("/api/auth/two-factor/enable", {
    password: "not-it-at-all",
  });
  expect(wrongPassword.status).toBe(400);

  const enabled = await readJson(
    await tab.post("/api/auth/two-factor/enable", { password: TEST_PASSWORD }),
    enabledSchema,
  );
  expect(enabled.totpURI).toMatch(/^otpauth:\/\/totp\/Guild:/);
  // Not on until the user proves the authenticator app has the secret.
  expect((await currentSession(tab))?.user.twoFactorEnabled).toBe(false);
  const beforeVerify = await readJson(await signIn(browser(), email), signInSchema);
  expect(beforeVerify.twoFactorRedirect).toBeUndefined();

  const verify = await tab.post("/api/auth/two-factor/verify-totp", {
    code: totpCode(enabled.totpURI),
  });
  expect(verify.status).toBe(200);
  expect((await currentSession(tab))?.user.twoFactorEnabled).toBe(true);
  return { email, tab, ...enabled };
}

/** Password accepted, second factor pending: no session yet. */
async function signInFirstStep(email: string) {
  const tab = browser();
  const response = await signIn(tab, email);
  expect(response.status).toBe(200);
  expect((await readJson(response, signInSchema)).twoFactorRedirect).toBe(true);
  expect(await currentSession(tab)).toBeNull();
  return tab;
}

describe("TOTP two-factor", () => {
  it("once enabled, sign-in needs a code from the authenticator app", async () => {
    const { email, totpURI } = await userWithTwoFactor();
    const tab = await signInFirstStep(email);

    const wrong = await tab.post("/api/auth/two-factor/verify-totp", {
      code: totpCode(totpURI, Date.now() - 10 * PERIOD_MS),
    });
    expect(wrong.status).toBe(401);
    expect(await currentSession(tab)).toBeNull();

    const right = await tab.post("/api/auth/two-factor/verify-totp", { code: totpCode(totpURI) });
    expect(right.status).toBe(200);
    expect((await currentSession(tab))?.user.email).toBe(email);
  });

  it("a code alone, without the password step, signs no one in", async () => {
    const { totpURI } = await userWithTwoFactor();
    const stranger = browser();
    const response = await stranger.post("/api/auth/two-factor/verify-totp", {
      code: totpCode(totpURI),
    });
    expect(response.status).toBe(401);
    expect(await currentSession(stranger)).toBeNull();
  });

  it("a backup code works instead of the app, but only once", async () => {
    const { email, backupCodes } = await userWithTwoFactor();
    const [code] = backupCodes;

    const first = await signInFirstStep(email);
    const used = await first.post("/api/auth/two-factor/verify-backup-code", { code });
    expect(used.status).toBe(200);
    expect((await currentSession(first))?.user.email).toBe(email);

    const second = await signInFirstStep(email);
    const reused = await second.post("/api/auth/two-factor/verify-backup-code", { code });
    expect(reused.status).toBe(401);
    expect(await currentSession(second)).toBeNull();

    const another = await second.post("/api/auth/two-factor/verify-backup-code", {
      code: backupCodes[1],
    });
    expect(another.status).toBe(200);
    expect((await currentSession(second))?.user.email).toBe(email);
  });

  it("can be turned off with the password, after which sign-in is one step again", async () => {
    const { email, tab } = await userWithTwoFactor();
    const wrong = await tab.post("/api/auth/two-factor/disable", { password: "nope-nope-nope" });
    expect(wrong.status).toBe(400);
    await signInFirstStep(email); // still required

    const disabled = await tab.post("/api/auth/two-factor/disable", { password: TEST_PASSWORD });
    expect(disabled.status).toBe(200);
    const plain = browser();
    const response = await signIn(plain, email);
    expect(response.status).toBe(200);
    expect((await readJson(response, signInSchema)).twoFactorRedirect).toBeUndefined();
    expect((await currentSession(plain))?.user.email).toBe(email);
  });
});
