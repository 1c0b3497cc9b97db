// Cross-site requests: a page on another site must not be able to act with the user's cookies.
// Two layers: the server refuses untrusted Origins on /api/*, and better-auth's own origin and
// callback-URL checks (which better-auth switches off when NODE_ENV=test unless told otherwise).
import { DEMO_PASSWORD } from "@guild/db/seed";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  Browser,
  createServerFixture,
  currentSession,
  readJson,
  signIn,
  startTestServer,
  type TestServer,
  uniqueEmail,
  uniqueIp,
} from "./testing.ts";

const EVIL = "https://evil.example";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
let development: TestServer;
beforeAll(async () => {
  fx = await createServerFixture(inject("pgAdminUrl"), { TRUST_PROXY: true });
  development = await startTestServer(fx.database.url, {
    NODE_ENV: "development",
    TRUST_PROXY: true,
  });
});
afterAll(async () => {
  await development.close();
  await fx.close();
});

const createOrg = (tab: Browser, slug: string, headers?: Record<string, string>) =>
  tab.post("/api/trpc/me.organizations.create", { json: { name: `Org ${slug}`, slug } }, headers);

async function signedInOwner(baseUrl: string) {
  const tab = new Browser(baseUrl, { ip: uniqueIp() });
  expect((await signIn(tab, "owner@demo.guild", DEMO_PASSWORD)).status).toBe(200);
  return tab;
}

describe("a page on another site", () => {
  it("cannot sign a user in", async () => {
    const evil = new Browser(fx.server.url, { origin: EVIL, ip: uniqueIp() });
    const response = await signIn(evil, "owner@demo.guild", DEMO_PASSWORD);
    expect(response.status).toBe(403);
    expect(await currentSession(evil)).toBeNull();

    const sameOrigin = new Browser(fx.server.url, { ip: uniqueIp() });
    expect((await signIn(sameOrigin, "owner@demo.guild", DEMO_PASSWORD)).status).toBe(200);
    expect((await currentSession(sameOrigin))?.user.email).toBe("owner@demo.guild");
  });

  it("cannot create an organization with the user's cookie", async () => {
    const tab = await signedInOwner(fx.server.url);
    const slug = `cross-${Date.now().toString(36)}`;
    const refused = await createOrg(tab, slug, { origin: EVIL });
    expect(refused.status).toBe(403);
    // Browsers also say where a request comes from in Sec-Fetch-Site.
    const refusedToo = await createOrg(tab, slug, { "sec-fetch-site": "cross-site" });
    expect(refusedToo.status).toBe(403);

    const mine = await readJson(
      await tab.request("/api/trpc/me.organizations.list"),
      z.object({
        result: z.object({ data: z.object({ json: z.array(z.object({ slug: z.string() })) }) }),
      }),
    );
    expect(mine.result.data.json.map((o) => o.slug)).not.toContain(slug);

    const allowed = await createOrg(tab, slug);
    expect(allowed.status).toBe(200);
  });

  it("cannot read a page's data cross-origin: no CORS grant for foreign origins", async () => {
    const tab = await signedInOwner(fx.server.url);
    const response = await tab.request("/api/auth/get-session", { headers: { origin: EVIL } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});

// better-auth's checks behind the server's: they must be on even in tests (NODE_ENV=test), and
// in a server started as in development.
describe.each([
  ["test", () => fx.server.url],
  ["development", () => development.url],
])("better-auth's own checks (NODE_ENV=%s)", (_mode, baseUrl) => {
  it("refuse a cookie-bearing request that names no origin", async () => {
    // A client that strips Origin (old browsers, some extensions) gets past a check that only
    // looks at present Origin headers; better-auth refuses it when cookies are attached.
    const tab = await signedInOwner(baseUrl());
    const noOrigin = new Browser(baseUrl(), { origin: null, ip: uniqueIp() });
    const response = await fetch(new URL("/api/auth/sign-out", baseUrl()), {
      method: "POST",
      headers: { cookie: tab.cookieHeader, "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(403);
    expect(await currentSession(tab)).not.toBeNull();
    expect(await currentSession(noOrigin)).toBeNull();
  });

  it("refuse to send users to another site after verifying their email", async () => {
    const tab = new Browser(baseUrl(), { ip: uniqueIp() });
    const response = await tab.post("/api/auth/sign-up/email", {
      name: "Redirected",
      email: uniqueEmail("redirect"),
      password: "long-enough-password",
      callbackURL: `${EVIL}/phish`,
    });
    expect(response.status).toBe(403);
    const ok = await tab.post("/api/auth/sign-up/email", {
      name: "Stays",
      email: uniqueEmail("stays"),
      password: "long-enough-password",
      callbackURL: "/welcome",
    });
    expect(ok.status).toBe(200);
  });
});
