// The server as an operator and a client see it: health, tRPC over HTTP (batching, limits, bad
// input), request ids and graceful shutdown.
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { Duplex } from "node:stream";
import { INTERNAL_ERROR_MESSAGE } from "@guild/api";
import { MAX_NAME_LENGTH } from "@guild/auth";
import { rateLimit } from "@guild/db";
import { freePort } from "@guild/db/embedded";
import { DEMO_PASSWORD } from "@guild/db/seed";
import { createTestDatabase } from "@guild/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { MAX_BODY_BYTES } from "./app.ts";
import { banner } from "./server.ts";
import {
  Browser,
  createServerFixture,
  mailsTo,
  readJson,
  signIn,
  startSlowPost,
  startTestServer,
  uniqueIp,
} from "./testing.ts";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
beforeAll(async () => {
  fx = await createServerFixture(inject("pgAdminUrl"), { TRUST_PROXY: true });
});
afterAll(() => fx.close());

const url = (path: string) => new URL(path, fx.server.url);

const logLine = z.object({
  msg: z.string(),
  requestId: z.string().optional(),
  path: z.string().optional(),
  err: z.string().optional(),
  stack: z.string().optional(),
});

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
      url(`/api/trpc/health.ping,me.organizations.list?batch=1&input=${encodeURIComponent(input)}`),
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
    const response = await tab.post("/api/trpc/me.organizations.create", {
      json: { name: "x", slug: "Not A Slug!" },
    });
    expect(response.status).toBe(400);
    const body = await readJson(response, trpcError);
    expect(body.error.json.data.code).toBe("BAD_REQUEST");
    expect(body.error.json.data.fieldErrors?.name?.[0]).toMatch(/at least 2 characters/);
    expect(body.error.json.data.fieldErrors?.slug?.length).toBeGreaterThan(0);
    // The message is a sentence too, not zod's issue list.
    expect(body.error.json.message).toBe("Name must be at least 2 characters");
  });

  it("says what is wrong in words, never in zod's terms (enum values, regex sources, types)", async () => {
    const tab = await signedInOwner();
    const input = {
      0: { json: { status: ["nope"], sort: "secret", limit: "ten", cursor: { id: 5 } } },
    };
    const response = await tab.request(
      `/api/trpc/lead.list?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { "x-guild-org": "demo" } },
    );
    expect(response.status).toBe(400);
    const text = await response.text();
    const [error] = z.array(trpcError).parse(JSON.parse(text));
    expect(error?.error.json.data.fieldErrors).toEqual({
      status: ["Choose a status"],
      sort: ["Choose one of the options"],
      limit: ["Must be a number"],
      cursor: expect.arrayContaining(["Invalid id"]),
    });
    expect(error?.error.json.message).toBe("Choose a status");
    // Nothing of zod's wording or of the schema's internals anywhere in the reply, stack included:
    // no enum values (sort's are createdAt, updatedAt…), no type names, no issue codes.
    for (const internal of ["expected", "received", "createdAt", "ZodError", "invalid_", "stack"])
      expect(text, internal).not.toContain(internal);
  });

  it("answers malformed JSON with 400, never 500", async () => {
    const tab = await signedInOwner();
    const broken = await tab.request("/api/trpc/me.organizations.create", {
      method: "POST",
      body: '{"json": {"name": "Oops", ',
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    const brokenBody = await readJson(broken, trpcError);
    expect(brokenBody.error.json.data.code).toBe("BAD_REQUEST");
    expect(brokenBody.error.json.message).toMatch(/JSON/);

    const badQuery = await tab.request(
      "/api/trpc/me.organizations.slugAvailable?input=%7Bnot-json",
    );
    expect(badQuery.status).toBe(400);

    const wrongShape = await tab.post("/api/trpc/me.organizations.create", ["not", "an", "object"]);
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

  it("refuses a NUL character or an out-of-range date with 400 on the field, writing nothing", async () => {
    const tab = await signedInOwner();
    const call = (path: string, input: unknown) =>
      tab.post(`/api/trpc/${path}`, { json: input }, { "x-guild-org": "demo" });
    const fieldErrorsOf = async (response: Response) => {
      expect(response.status).toBe(400);
      const body = await readJson(response, trpcError);
      expect(body.error.json.data.code).toBe("BAD_REQUEST");
      return body.error.json.data.fieldErrors ?? {};
    };
    // PostgreSQL's text refuses NUL: before these checks each of these answered 500.
    expect((await fieldErrorsOf(await call("lead.create", { name: "Ada\u0000" }))).name).toEqual([
      "Remove the invalid character (NUL)",
    ]);
    const created = await readJson(
      await call("lead.create", { name: "Nul Test Lead" }),
      z.object({ result: z.object({ data: z.object({ json: z.object({ id: z.string() }) }) }) }),
    );
    const id = created.result.data.json.id;
    const update = await call("lead.update", { id, company: "Acme\u0000", notes: "kept out" });
    expect((await fieldErrorsOf(update)).company?.length).toBe(1);
    const rename = await call("organization.update", { name: "Demo\u0000" });
    expect((await fieldErrorsOf(rename)).name?.length).toBe(1);

    const list = (input: unknown) =>
      tab.request(`/api/trpc/lead.list?input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers: { "x-guild-org": "demo" },
      });
    expect((await fieldErrorsOf(await list({ json: { search: "a\u0000" } }))).search).toBeDefined();
    // A valid JavaScript Date PostgreSQL cannot hold (year -5000) as the page cursor.
    const ancient = { value: "-005000-01-01T00:00:00.000Z", id };
    const deep = await list({ json: { cursor: ancient }, dates: [["cursor", "value"]] });
    expect((await fieldErrorsOf(deep)).cursor).toBeDefined();

    // better-auth's own endpoints too.
    const renameSelf = await tab.post("/api/auth/update-user", { name: "Owner\u0000" });
    expect(renameSelf.status).toBe(400);

    // Nothing was written by the refused calls.
    const lead = await readJson(
      await tab.request(
        `/api/trpc/lead.byId?input=${encodeURIComponent(JSON.stringify({ json: { id } }))}`,
        { headers: { "x-guild-org": "demo" } },
      ),
      z.object({
        result: z.object({
          data: z.object({ json: z.object({ company: z.null(), notes: z.null() }) }),
        }),
      }),
    );
    expect(lead.result.data.json).toEqual({ company: null, notes: null });
  });

  it("cuts a statement that runs too long and answers 503, instead of holding the request", async () => {
    const lines: string[] = [];
    const server = await startTestServer(
      fx.database.url,
      { DATABASE_STATEMENT_TIMEOUT_MS: 500, LOG_LEVEL: "error" },
      { logSink: (line) => lines.push(line) },
    );
    let release = () => {};
    try {
      const tab = new Browser(server.url, { ip: uniqueIp() });
      expect((await signIn(tab, "owner@demo.guild", DEMO_PASSWORD)).status).toBe(200);
      const call = (input: unknown) =>
        tab.post("/api/trpc/lead.create", { json: input }, { "x-guild-org": "demo" });
      // Someone else holds the lead table: the insert waits for its lock, without end.
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked = () => {};
      const lockTaken = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const holder = fx.database.sql.begin(async (tx) => {
        await tx`lock table lead in access exclusive mode`;
        locked();
        await held;
      });
      await lockTaken;
      const started = Date.now();
      const stuck = await call({ name: "Waits for the lock" });
      const waited = Date.now() - started;
      release();
      await holder;
      expect(stuck.status).toBe(503);
      const body = await readJson(stuck, trpcError);
      expect(body.error.json.message).toBe("This took too long and was stopped. Try again.");
      expect(waited).toBeLessThan(5000);
      // Logged for the operator, with what PostgreSQL said.
      expect(lines.join("\n")).toContain("statement timeout");
      // The server and its pool are fine afterwards.
      expect((await call({ name: "After the lock" })).status).toBe(200);
    } finally {
      release();
      await server.close();
    }
  });

  it("answers an unexpected failure with a plain 500 and logs the details with the request id", async () => {
    const lines: string[] = [];
    const doomed = await createTestDatabase(inject("pgAdminUrl"));
    const server = await startTestServer(
      doomed.url,
      { LOG_LEVEL: "error" },
      { logSink: (line) => lines.push(line) },
    );
    try {
      const tab = new Browser(server.url);
      expect((await signIn(tab, "owner@demo.guild", DEMO_PASSWORD)).status).toBe(200);
      await doomed.drop();
      const response = await tab.request("/api/trpc/lead.pipelineSummary", {
        headers: { "x-guild-org": "demo", "x-request-id": "trace-500" },
      });
      expect(response.status).toBe(500);
      const text = await response.text();
      // What failed (the database's name, SQL) stays in the log, not in the answer.
      expect(text).toContain(INTERNAL_ERROR_MESSAGE);
      expect(text).not.toMatch(/test_|select|does not exist/i);
      const logged = lines
        .map((line) => logLine.parse(JSON.parse(line)))
        .find((line) => line.msg === "trpc error");
      expect(logged).toMatchObject({ requestId: "trace-500", path: "lead.pipelineSummary" });
      expect(logged?.err).toMatch(/does not exist/);
      expect(logged?.stack).toContain("at ");
    } finally {
      await server.close();
    }
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

  it("serves the CSV export of the demo's leads to a signed-in member, as a download", async () => {
    const tab = await signedInOwner();
    const response = await tab.request(
      `/api/export/leads.csv?${new URLSearchParams({ org: "demo", input: '{"status":["won"]}' })}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="leads-demo-/,
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^Name,Email,Company/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes(",Won,"))).toBe(true);
    // Signed out: refused, never the file.
    expect((await fetch(url("/api/export/leads.csv?org=demo"))).status).toBe(401);
  });

  it("answers an unknown procedure or API path with 404", async () => {
    expect((await fetch(url("/api/trpc/nothing.here"))).status).toBe(404);
    const unknown = await fetch(url("/api/nothing-here"));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "Not found" });
  });
});

describe("hardening", () => {
  it("sends headers that stop sniffing, framing and full-URL referrers", async () => {
    const responses = [
      ...["/healthz", "/api/trpc/health.ping", "/api/auth/get-session", "/api/nothing-here"].map(
        (path) => ({ path, response: fetch(url(path)) }),
      ),
      {
        path: "refused cross-site POST",
        response: fetch(url("/api/trpc/lead.create"), {
          method: "POST",
          headers: { origin: "https://evil.example", "content-type": "application/json" },
          body: "{}",
        }),
      },
    ];
    for (const { path, response: pending } of responses) {
      const response = await pending;
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      expect(response.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("cross-origin-opener-policy"), path).toBe("same-origin");
      expect(response.headers.get("x-request-id"), path).toBeTruthy();
      // Once each, whatever path set them.
      expect(response.headers.get("x-frame-options")?.split(","), path).toHaveLength(1);
    }
  });

  it("refuses a body over 1 MB with 413 before reading it all, with or without a length", async () => {
    const big = JSON.stringify({ name: "A".repeat(MAX_BODY_BYTES), email: "x@x.test" });
    const tab = new Browser(fx.server.url, { ip: uniqueIp() });
    const json = { "content-type": "application/json" };
    expect(
      (await tab.request("/api/auth/sign-up/email", { body: big, headers: json })).status,
    ).toBe(413);
    const owner = await signedInOwner();
    const lead = await owner.request("/api/trpc/lead.create", {
      body: big,
      headers: { ...json, "x-guild-org": "demo" },
    });
    expect(lead.status).toBe(413);
    // Chunked, so no content-length to check up front.
    // (Just over the limit: the server answers once it has read 1 MB and closes the connection.)
    const chunks = [big.slice(0, 600_000), big.slice(600_000, 1_100_000)].map((part) =>
      new TextEncoder().encode(part),
    );
    const streamed: RequestInit & { duplex: "half" } = {
      method: "POST",
      headers: { ...json, origin: fx.server.url },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      }),
      duplex: "half",
    };
    const chunked = await fetch(url("/api/auth/sign-up/email"), streamed);
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toEqual({ error: "Request body too large (the limit is 1 MB)" });
  });

  it("answers unknown auth paths 404 before better-auth stores anything for them", async () => {
    const before = await fx.database.db.select().from(rateLimit);
    for (const path of ["/api/auth/junk-1", "/api/auth/junk-2", `/api/auth/${"x".repeat(6000)}`]) {
      const response = await fetch(url(path));
      expect(response.status, path.slice(0, 30)).toBe(404);
    }
    expect(await fx.database.db.select().from(rateLimit)).toHaveLength(before.length);
    // Templated endpoints still route (a reset link's token is a path segment).
    const reset = await fetch(url("/api/auth/reset-password/not-a-real-token"), {
      redirect: "manual",
    });
    expect(reset.status).not.toBe(404);
  });

  it("refuses a name or image that is not what better-auth would store", async () => {
    const tab = await signedInOwner();
    for (const body of [
      { name: null },
      { name: { a: 1 } },
      { name: [] },
      { name: 1e308 },
      { name: "   " },
      { name: "Owner\nACTION REQUIRED: https://evil.example" },
      { name: "Owner\u2028ACTION REQUIRED: https://evil.example" },
      { name: "Owner \u202egnp.exe" },
      { name: "Owner \u2067evil\u2069" },
      { image: { x: 1 } },
      { image: "javascript:alert(document.cookie)" },
      { image: "data:text/html,<script>alert(1)</script>" },
      { image: "not a url" },
    ]) {
      const response = await tab.post("/api/auth/update-user", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const session = await tab.request("/api/auth/get-session");
    expect(await session.json()).toMatchObject({ user: { name: "Olivia Owner" } });
    // A web address is a picture.
    const picture = "https://images.example/olivia.png";
    expect((await tab.post("/api/auth/update-user", { image: picture })).status).toBe(200);
    const updated = await tab.request("/api/auth/get-session");
    expect(await updated.json()).toMatchObject({ user: { image: picture } });
  });

  it("bounds a person's name", async () => {
    const tab = new Browser(fx.server.url, { ip: uniqueIp() });
    const long = await tab.post("/api/auth/sign-up/email", {
      name: "N".repeat(MAX_NAME_LENGTH + 1),
      email: `long-name-${randomBytes(4).toString("hex")}@test.example`,
      password: "long-enough-password",
    });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ message: "Name must be at most 100 characters" });
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
  it("is not served in production, which warns that mail goes nowhere without SMTP_URL", async () => {
    const lines: string[] = [];
    const server = await startTestServer(
      fx.database.url,
      { NODE_ENV: "production", LOG_LEVEL: "warn" },
      { logSink: (line) => lines.push(line) },
    );
    try {
      expect(lines.map((line) => logLine.parse(JSON.parse(line)).msg)).toContainEqual(
        expect.stringMatching(/^no SMTP_URL: mails .* are only written to this log/),
      );
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

describe("dev clock (GUILD_TEST_CLOCK)", () => {
  const clockState = z.object({ now: z.string(), offsetMs: z.number() });

  it("moves the app's time and the queued jobs forward, so work due tomorrow happens now", async () => {
    const own = await createServerFixture(inject("pgAdminUrl"), { GUILD_TEST_CLOCK: true });
    try {
      const url = own.server.url;
      // A mail the app would send tomorrow, queued as any job is.
      await own.database.sql`select graphile_worker.add_job('mail.send',
        '{"to":"tomorrow@test.example","subject":"Due tomorrow","text":"hi"}'::json,
        run_at => now() + interval '1 day')`;
      const before = await mailsTo(url, "tomorrow@test.example", 0);
      expect(before).toEqual([]);
      const moved = await new Browser(url).post("/dev/clock", { advanceMs: 86_400_000 + 60_000 });
      expect(moved.status).toBe(200);
      const state = clockState.parse(await moved.json());
      expect(state.offsetMs).toBe(86_400_000 + 60_000);
      expect(new Date(state.now).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
      expect((await mailsTo(url, "tomorrow@test.example")).map((m) => m.subject)).toEqual([
        "Due tomorrow",
      ]);
      // Nonsense is refused, and time never goes back.
      expect((await new Browser(url).post("/dev/clock", { advanceMs: -1 })).status).toBe(400);
      // Another site cannot move it.
      expect(
        (
          await new Browser(url, { origin: "https://evil.example" }).post("/dev/clock", {
            advanceMs: 1000,
          })
        ).status,
      ).toBe(403);
    } finally {
      await own.close();
    }
  });

  it("does not exist in production, even when asked for", async () => {
    const server = await startTestServer(fx.database.url, {
      NODE_ENV: "production",
      GUILD_TEST_CLOCK: true,
    });
    try {
      // POST, as the clock is moved: a GET would get the built app's shell when apps/web/dist
      // exists (any client-side route does), which says nothing about the clock.
      const response = await new Browser(server.url).post("/dev/clock", { advanceMs: 60_000 });
      expect(response.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe("startup", () => {
  it("answers 503 while it is still starting, instead of holding requests forever", async () => {
    const port = await freePort();
    // With Vite's dev middleware, the time between listening and serving is the longest.
    const starting = startTestServer(fx.database.url, {}, { port, vite: true });
    const statuses: number[] = [];
    let started = false;
    void starting.then(() => {
      started = true;
    });
    while (!started) {
      const status = await fetch(`http://127.0.0.1:${port}/healthz`, {
        signal: AbortSignal.timeout(2000),
      }).then(
        (response) => response.status,
        (error: unknown) => (error instanceof Error && error.name === "TimeoutError" ? -1 : 0),
      );
      if (status !== 0) statuses.push(status);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const server = await starting;
    try {
      // Refused connections (0) before listen are fine; a hang (-1) is what this guards against.
      expect(statuses).not.toContain(-1);
      expect(statuses).toContain(503);
      expect((await fetch(new URL("/healthz", server.url))).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("prints a given DATABASE_URL without its password, and demo logins only where seeded", () => {
    const text = banner({
      url: "https://guild.example",
      databaseUrl: "postgres://app:s3cret@db.internal:5432/guild",
      embedded: false,
      demo: false,
      noAccounts: false,
      mail: "SMTP relay.example",
      files: "S3_URL=https://s3.example (bucket guild)",
      workers: 2,
    });
    expect(text).toContain("DATABASE_URL=postgres://app:***@db.internal:5432/guild");
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain("Demo logins");
    expect(text).toContain("Guild is running at https://guild.example (2 worker processes)");
    expect(text).toContain("Files: S3_URL=https://s3.example (bucket guild)");
  });

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

    const request = await startSlowPost(server.url, "/api/trpc/me.organizations.create", tab, {
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
    // A dev reload (node --watch) waits for the old server: an open HMR socket must not hold it.
    expect(Date.now() - started).toBeLessThan(3_000);
    await socketClosed;
  }, 30_000);
});
