// The server as an operator and a client see it: health, tRPC over HTTP (batching, limits, bad
// input), request ids and graceful shutdown.
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { Duplex } from "node:stream";
import { DEMO_PASSWORD } from "@guild/db/seed";
import { createTestDatabase } from "@guild/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  Browser,
  createServerFixture,
  readJson,
  signIn,
  startSlowPost,
  startTestServer,
  uniqueIp,
} from "./testing";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
beforeAll(async () => {
  fx = await createServerFixture(inject("pgAdminUrl"), { TRUST_PROXY: true });
});
afterAll(() => fx.close());

const url = (path: string) => new URL(path, fx.server.url);

const trpcError = z.object({
  error: z.object({
    json: z.object({
      message: z.string(),
      code: z.number(),
      data: z.object({
        code: z.string(),
        httpStatus: z.number(),
        fieldErrors: z.record(z.string(), z.array(z.string()).optional()).nullable().optional(),
      }),
    }),
  }),
});

async function signedInOwner() {
  const tab = new Browser(fx.server.url, { ip: uniqueIp() });
  expect((await signIn(tab, "owner@demo.guild", DEMO_PASSWORD)).status).toBe(200);
  return tab;
}

describe("/healthz", () => {
  it("reports the database up", async () => {
    const response = await fetch(url("/healthz"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: "up" });
  });

  it("answers 503 when the database is gone, so a load balancer stops sending traffic", async () => {
    const doomed = await createTestDatabase(inject("pgAdminUrl"));
    const server = await startTestServer(doomed.url);
    try {
      expect((await fetch(new URL("/healthz", server.url))).status).toBe(200);
      await doomed.drop();
      const response = await fetch(new URL("/healthz", server.url));
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ok: false, database: "down" });
    } finally {
      await server.close();
    }
  });
});

describe("tRPC over HTTP", () => {
  it("answers several calls batched in one request, each with its own result", async () => {
    const tab = await signedInOwner();
    const input = JSON.stringify({ "0": { json: null }, "1": { json: null }, "2": { json: null } });
    const response = await tab.request(
      `/api/trpc/health.ping,me.session,organization.current?batch=1&input=${encodeURIComponent(input)}`,
      { headers: { "x-guild-org": "demo" } },
    );
    expect(response.status).toBe(200);
    const results = await readJson(
      response,
      z.tuple([
        z.object({
          result: z.object({ data: z.object({ json: z.object({ ok: z.literal(true) }) }) }),
        }),
        z.object({
          result: z.object({ data: z.object({ json: z.object({ email: z.string() }) }) }),
        }),
        z.object({
          result: z.object({
            data: z.object({
              json: z.object({ slug: z.string(), membership: z.object({ role: z.string() }) }),
            }),
          }),
        }),
      ]),
    );
    expect(results[1].result.data.json.email).toBe("owner@demo.guild");
    expect(results[2].result.data.json).toMatchObject({
      slug: "demo",
      membership: { role: "owner" },
    });
  });

  it("reports a failing call in a batch without failing the others", async () => {
    const input = JSON.stringify({ "0": { json: null }, "1": { json: null } });
    const response = await fetch(
      url(`/api/trpc/health.ping,me.organizations?batch=1&input=${encodeURIComponent(input)}`),
    );
    // Mixed outcomes: tRPC answers 207 Multi-Status.
    expect(response.status).toBe(207);
    const [ping, organizations] = await readJson(
      response,
      z.tuple([z.object({ result: z.unknown() }), trpcError]),
    );
    expect(ping.result).toBeDefined();
    expect(organizations.error.json.data.code).toBe("UNAUTHORIZED");
  });

  it("refuses a batch above the maximum size with a clear 400", async () => {
    const calls = 26;
    const paths = Array.from({ length: calls }, () => "health.ping").join(",");
    const input = JSON.stringify(
      Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, { json: null }])),
    );
    const response = await fetch(
      url(`/api/trpc/${paths}?batch=1&input=${encodeURIComponent(input)}`),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Batch call exceeds maximum size");

    const atLimit = Array.from({ length: 25 }, () => "health.ping").join(",");
    const inputAtLimit = JSON.stringify(
      Object.fromEntries(Array.from({ length: 25 }, (_, i) => [i, { json: null }])),
    );
    const ok = await fetch(
      url(`/api/trpc/${atLimit}?batch=1&input=${encodeURIComponent(inputAtLimit)}`),
    );
    expect(ok.status).toBe(200);
  });

  it("answers invalid input with 400 and field errors the form can show", async () => {
    const tab = await signedInOwner();
    const response = await tab.post("/api/trpc/organization.create", {
      json: { name: "x", slug: "Not A Slug!" },
    });
    expect(response.status).toBe(400);
    const body = await readJson(response, trpcError);
    expect(body.error.json.data.code).toBe("BAD_REQUEST");
    expect(body.error.json.data.fieldErrors?.name?.[0]).toMatch(/at least 2 characters/);
    expect(body.error.json.data.fieldErrors?.slug?.length).toBeGreaterThan(0);
  });

  it("answers malformed JSON with 400, never 500", async () => {
    const tab = await signedInOwner();
    const broken = await tab.request("/api/trpc/organization.create", {
      method: "POST",
      body: '{"json": {"name": "Oops", ',
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    const brokenBody = await readJson(broken, trpcError);
    expect(brokenBody.error.json.data.code).toBe("BAD_REQUEST");
    expect(brokenBody.error.json.message).toMatch(/JSON/);

    const badQuery = await tab.request("/api/trpc/organization.slugAvailable?input=%7Bnot-json");
    expect(badQuery.status).toBe(400);

    const wrongShape = await tab.post("/api/trpc/organization.create", ["not", "an", "object"]);
    expect(wrongShape.status).toBe(400);

    const authBroken = await tab.request("/api/auth/sign-in/email", {
      method: "POST",
      body: "{email:",
      headers: { "content-type": "application/json" },
    });
    expect(authBroken.status).toBe(400);
    expect(await authBroken.json()).toMatchObject({ message: "Invalid JSON in request body" });

    const authWrongTypes = await tab.post("/api/auth/sign-in/email", { email: 42, password: [] });
    expect(authWrongTypes.status).toBe(400);
  });

  it("carries Dates both ways and answers a forged date path with 400, never 500", async () => {
    const tab = await signedInOwner();
    const get = (input: unknown) =>
      tab.request(`/api/trpc/lead.list?input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers: { "x-guild-org": "demo" },
      });
    const page = z.object({
      result: z.object({
        data: z.object({
          json: z.object({
            items: z.array(z.object({ id: z.string(), createdAt: z.string() })),
            nextCursor: z.object({ id: z.string(), value: z.string() }),
          }),
          dates: z.array(z.array(z.union([z.string(), z.number()]))),
        }),
      }),
    });
    const first = await readJson(await get({ json: { limit: 2 } }), page);
    const { items, nextCursor } = first.result.data.json;
    // Every Date of the answer is listed, so the client revives exactly those strings.
    expect(first.result.data.dates).toContainEqual(["items", 1, "createdAt"]);
    expect(first.result.data.dates).toContainEqual(["nextCursor", "value"]);

    // The cursor goes back as a Date: the next page continues after the last lead.
    const second = await readJson(
      await get({ json: { limit: 2, cursor: nextCursor }, dates: [["cursor", "value"]] }),
      page,
    );
    const [next] = second.result.data.json.items;
    expect(next && items.every((lead) => lead.id !== next.id)).toBe(true);
    expect(Date.parse(next?.createdAt ?? "")).toBeLessThanOrEqual(Date.parse(nextCursor.value));

    for (const dates of [[["cursor", "nope"]], [["cursor", "id"]], "cursor.value", [[{}]]]) {
      const forged = await get({ json: { limit: 2, cursor: nextCursor }, dates });
      expect(forged.status).toBe(400);
      expect((await readJson(forged, trpcError)).error.json.data.code).toBe("BAD_REQUEST");
    }
  });

  it("answers a rate-limited call with 429 and Retry-After", async () => {
    const tab = await signedInOwner();
    const invite = (i: number) =>
      tab.request("/api/trpc/invitation.create", {
        json: { json: { email: `limit-${i}@test.example`, role: "member" } },
        headers: { "x-guild-org": "demo" },
      });
    for (let i = 0; i < 30; i++) expect((await invite(i)).status).toBe(200);
    const refused = await invite(30);
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(3500);
    expect(wait).toBeLessThanOrEqual(3600);
    const body = await readJson(refused, trpcError);
    expect(body.error.json.data.code).toBe("TOO_MANY_REQUESTS");
    expect(body.error.json.message).toMatch(/^Too many invitations sent/);
  });

  it("answers an unknown procedure or API path with 404", async () => {
    expect((await fetch(url("/api/trpc/nothing.here"))).status).toBe(404);
    const unknown = await fetch(url("/api/nothing-here"));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "Not found" });
  });
});

describe("request ids", () => {
  it("echoes the caller's x-request-id and makes one up otherwise", async () => {
    const given = await fetch(url("/healthz"), { headers: { "x-request-id": "trace-abc-123" } });
    expect(given.headers.get("x-request-id")).toBe("trace-abc-123");

    const first = (await fetch(url("/api/trpc/health.ping"))).headers.get("x-request-id");
    const second = (await fetch(url("/api/trpc/health.ping"))).headers.get("x-request-id");
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(first).not.toBe(second);

    // Also on better-auth's responses and on refusals.
    const auth = await fetch(url("/api/auth/get-session"), {
      headers: { "x-request-id": "trace-auth" },
    });
    expect(auth.headers.get("x-request-id")).toBe("trace-auth");
    const refused = await fetch(url("/api/trpc/health.ping"), {
      method: "POST",
      headers: { origin: "https://evil.example", "x-request-id": "trace-refused" },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-request-id")).toBe("trace-refused");
  });
});

describe("dev mailbox", () => {
  it("is not served in production", async () => {
    const server = await startTestServer(fx.database.url, { NODE_ENV: "production" });
    try {
      const response = await fetch(new URL("/dev/mailbox", server.url), {
        headers: { accept: "application/json" },
      });
      expect(response.headers.get("content-type") ?? "").not.toContain("application/json");
      expect(await response.text()).not.toContain("Dev mailbox");
    } finally {
      await server.close();
    }
  });
});

describe("startup", () => {
  it("says which port is taken and how to pick another", async () => {
    await expect(startTestServer(fx.database.url, {}, { port: fx.server.port })).rejects.toThrow(
      `Port ${fx.server.port} is already in use`,
    );
    // The running server is unaffected.
    expect((await fetch(url("/healthz"))).status).toBe(200);
  });
});

describe("graceful shutdown", () => {
  it("finishes an in-flight request after close() and refuses new connections", async () => {
    const server = await startTestServer(fx.database.url, { TRUST_PROXY: true });
    const tab = new Browser(server.url, { ip: uniqueIp() });
    expect((await signIn(tab, "owner@demo.guild", DEMO_PASSWORD)).status).toBe(200);

    const request = await startSlowPost(server.url, "/api/trpc/organization.create", tab, {
      json: { name: "Late Arrival", slug: `late-${Date.now().toString(36)}` },
    });

    const closed = server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(new URL("/healthz", server.url))).rejects.toThrow();
    expect(request.answered()).toBe(false);

    const finished = await request.finish();
    expect(finished.status).toBe(200);
    expect(finished.text).toContain("Late Arrival");
    // Shutdown tells the client to let go instead of waiting out the keep-alive timeout.
    expect(finished.connection).toBe("close");
    const answeredAt = Date.now();
    await closed;
    expect(Date.now() - answeredAt).toBeLessThan(2_000);
  });

  it("stops at once in development even with a browser tab's hot-reload socket open", async () => {
    const server = await startTestServer(fx.database.url, {}, { vite: true });
    // What a tab keeps open: Vite's HMR websocket on the app's own port.
    const socket = await new Promise<Duplex>((resolve, reject) => {
      const req = httpRequest(new URL("/", server.url), {
        headers: {
          connection: "Upgrade",
          upgrade: "websocket",
          "sec-websocket-version": "13",
          "sec-websocket-key": randomBytes(16).toString("base64"),
          "sec-websocket-protocol": "vite-hmr",
        },
      });
      req.on("upgrade", (_res, upgraded) => resolve(upgraded));
      req.on("response", (res) => reject(new Error(`no websocket: ${res.statusCode}`)));
      req.on("error", reject);
      req.end();
    });
    const socketClosed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.resume();
    const started = Date.now();
    await server.close();
    // tsx watch kills a restarting dev server after 5 s, before PostgreSQL could be stopped.
    expect(Date.now() - started).toBeLessThan(3_000);
    await socketClosed;
  }, 30_000);
});
