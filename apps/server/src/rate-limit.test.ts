// Sign-in brute force: limited per client address, counted in PostgreSQL so every server
// process sharing the database enforces the same budget.
import { ilike, rateLimit } from "@guild/db";
import { DEMO_PASSWORD } from "@guild/db/seed";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Browser, createServerFixture, startTestServer, type TestServer } from "./testing.ts";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
let second: TestServer;
beforeAll(async () => {
  // No trusted proxy: the socket address is the client, whatever x-forwarded-for says.
  fx = await createServerFixture(inject("pgAdminUrl"));
  second = await startTestServer(fx.database.url);
});
afterAll(async () => {
  await second.close();
  await fx.close();
});

const attempt = (baseUrl: string, password: string, headers?: Record<string, string>) =>
  new Browser(baseUrl).post(
    "/api/auth/sign-in/email",
    { email: "owner@demo.guild", password },
    headers,
  );

describe("sign-in rate limit", () => {
  it("answers 429 after 5 attempts a minute, on every server process sharing the database", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await attempt(fx.server.url, `wrong-password-${i}`)).status).toBe(401);
    }
    const limited = await attempt(fx.server.url, "wrong-password-5");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("x-retry-after"))).toBeGreaterThan(0);

    // The count lives in the database, not in this process's memory.
    const rows = await fx.database.db
      .select()
      .from(rateLimit)
      .where(ilike(rateLimit.key, "%/sign-in/email%"));
    // Keyed by the socket address the server saw.
    expect(rows.map((r) => r.key)).toEqual(["127.0.0.1|/sign-in/email"]);
    expect(rows[0]?.count).toBeGreaterThanOrEqual(5);

    // Another server process on the same database refuses too, even the right password.
    expect(second.url).not.toBe(fx.server.url);
    expect((await attempt(second.url, DEMO_PASSWORD)).status).toBe(429);

    // A client cannot buy a fresh budget by claiming another address.
    const spoofed = await attempt(fx.server.url, DEMO_PASSWORD, {
      "x-forwarded-for": "198.51.100.7",
    });
    expect(spoofed.status).toBe(429);
    const spoofedRows = await fx.database.db
      .select()
      .from(rateLimit)
      .where(ilike(rateLimit.key, "198.51.100.7%"));
    expect(spoofedRows).toEqual([]);

    // Other endpoints keep working for that client.
    const health = await fetch(new URL("/healthz", second.url));
    expect(health.status).toBe(200);
  });

  it("behind a trusted proxy, keys by the address that proxy appended, not one the client wrote", async () => {
    const proxied = await startTestServer(fx.database.url, { TRUST_PROXY: true });
    try {
      // The client sent "198.51.100.50"; the proxy appended the address it saw.
      const response = await attempt(proxied.url, "wrong-password", {
        "x-forwarded-for": "198.51.100.50, 203.0.113.9",
      });
      expect(response.status).toBe(401);
      const rows = await fx.database.db
        .select()
        .from(rateLimit)
        .where(ilike(rateLimit.key, "%.%.%.%|/sign-in/email"));
      const keys = rows.map((r) => r.key);
      expect(keys).toContain("203.0.113.9|/sign-in/email");
      expect(keys.some((key) => key.startsWith("198.51.100.50"))).toBe(false);
    } finally {
      await proxied.close();
    }
  });
});
