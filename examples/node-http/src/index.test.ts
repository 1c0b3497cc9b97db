// The example host works end to end: a seeded user signs in through it and uses the typed tRPC
// client against it, over real HTTP.
import type { AppRouter } from "@guild/api";
import { transformer } from "@guild/api/transformer";
import { DEMO_PASSWORD, seedDemo } from "@guild/db/seed";
import { createTestDatabase } from "@guild/db/testing";
import { createTestBucket } from "@guild/storage/testing";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createExampleServer } from "./index.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: Awaited<ReturnType<typeof createExampleServer>>;
beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"));
  await seedDemo(database.db);
  const bucket = await createTestBucket(inject("s3Url"));
  await bucket.close();
  server = await createExampleServer({
    databaseUrl: database.url,
    port: 0,
    storage: bucket.config,
  });
});
afterAll(async () => {
  await server.close();
  await database.drop();
});

async function signInCookie(email: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  expect(cookie).toContain("session_token=");
  return cookie;
}

function client(cookie: string | null, org: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${server.url}/api/trpc`,
        transformer,
        headers: () => ({ "x-guild-org": org, origin: server.url, ...(cookie ? { cookie } : {}) }),
      }),
    ],
  });
}

describe("Guild on plain node:http", () => {
  it("signs a seeded user in and serves the organization's data to them", async () => {
    const cookie = await signInCookie("member@demo.guild", DEMO_PASSWORD);
    const api = client(cookie, "demo");

    // Batched into one HTTP request by the link.
    const [current, page] = await Promise.all([
      api.organization.current.query(),
      api.lead.list.query({ limit: 10 }),
    ]);
    expect(current).toMatchObject({ slug: "demo", membership: { role: "member" } });
    expect(page.items).toHaveLength(10);

    const created = await api.lead.create.mutate({
      name: "Found via the example",
      company: "Example Co",
    });
    const fetched = await api.lead.byId.query({ id: created.id });
    expect(fetched).toMatchObject({ name: "Found via the example", company: "Example Co" });
    // The transformer carries Dates across the wire as Dates.
    expect(fetched.createdAt).toBeInstanceOf(Date);
  });

  it("refuses the same procedures without a session, and to a stranger organization", async () => {
    const anonymous = client(null, "demo");
    const error = await anonymous.organization.current.query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect(error instanceof TRPCClientError ? error.data?.httpStatus : null).toBe(401);

    const cookie = await signInCookie("owner@demo.guild", DEMO_PASSWORD);
    const elsewhere = await client(cookie, "not-my-org")
      .organization.current.query()
      .catch((e: unknown) => e);
    expect(elsewhere instanceof TRPCClientError ? elsewhere.data?.code : null).toBe("NOT_FOUND");
  });

  it("refuses a wrong password and a cross-site sign-in", async () => {
    const wrong = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: "owner@demo.guild", password: "not-the-password" }),
    });
    expect(wrong.status).toBe(401);
    const crossSite = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ email: "owner@demo.guild", password: DEMO_PASSWORD }),
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.getSetCookie()).toEqual([]);
  });
});
