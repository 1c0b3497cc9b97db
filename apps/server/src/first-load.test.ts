// The first answers a signed-in page load's shell carries (first-load.ts): the requesting user's
// own session and organization, nothing for a signed-out visitor or a stranger to the
// organization, never cached for anyone else, read again on every load, and nothing in them can
// end the <script> element they sit in. Over real HTTP, against a small build.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { firstLoadJson } from "@guild/api";
import { DEMO_PASSWORD } from "@guild/db/seed";
import { createTestDatabase } from "@guild/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  Browser,
  readJson,
  signIn,
  signUpVerified,
  startTestServer,
  type TestServer,
  uniqueEmail,
  uniqueIp,
} from "./testing.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
let dist: string;
const shell = `<!doctype html><html><head><title>Guild</title></head><body><div id="root"></div></body></html>`;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), "guild-dist-"));
  await writeFile(join(dist, "index.html"), shell);
  database = await createTestDatabase(inject("pgAdminUrl"));
  // The server migrates and seeds the demo organization.
  server = await startTestServer(database.url, { TRUST_PROXY: true }, { staticDir: dist });
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
  await rm(dist, { recursive: true, force: true });
});

const answerSchema = z.object({
  org: z.string().nullable(),
  path: z.string(),
  input: z.unknown().optional(),
  // As the wire carries it: the value, and where its Dates are.
  result: z.object({ json: z.unknown(), dates: z.unknown().optional() }),
});
const firstLoadSchema = z.object({
  answers: z.array(answerSchema),
  events: z.object({ org: z.string(), lastEventId: z.string() }).nullable(),
});
const sessionSchema = z.object({ id: z.string(), email: z.string() });
const organizationSchema = z.object({
  slug: z.string(),
  name: z.string(),
  membership: z.object({ role: z.string() }),
});

const SCRIPT = /<script type="application\/json" id="guild-first-load">([^<]*)<\/script>/;

/** A page load: the shell's headers, its HTML and the answers in it (null: none). */
async function load(tab: Browser, path: string) {
  const response = await tab.request(path);
  expect(response.status).toBe(200);
  const html = await response.text();
  const json = SCRIPT.exec(html)?.[1];
  return {
    headers: response.headers,
    html,
    state: json === undefined ? null : firstLoadSchema.parse(JSON.parse(json)),
  };
}

function answer(state: z.infer<typeof firstLoadSchema> | null, path: string) {
  return state?.answers.find((a) => a.path === path)?.result.json;
}

async function demoTab(email: string) {
  const tab = new Browser(server.url, { ip: uniqueIp() });
  expect((await signIn(tab, email, DEMO_PASSWORD)).status).toBe(200);
  return tab;
}

async function userIdOf(email: string) {
  const [row] = await database.sql<{ id: string }[]>`select id from "user" where email = ${email}`;
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

const trpcResult = z.object({ result: z.object({ data: z.object({ json: z.unknown() }) }) });
async function mutate(tab: Browser, path: string, input: unknown, slug: string) {
  const response = await tab.post(`/api/trpc/${path}`, { json: input }, { "x-guild-org": slug });
  return readJson(response, trpcResult);
}

describe("the first answers in a signed-in page's shell", () => {
  it("are the requesting user's own session and organization, private and never reused unasked", async () => {
    const owner = await demoTab("owner@demo.guild");
    const member = await demoTab("member@demo.guild");
    // Both at once: each response carries its own user, whatever the server does in parallel.
    const [ownerLoad, memberLoad] = await Promise.all([
      load(owner, "/o/demo/leads"),
      load(member, "/o/demo/leads"),
    ]);
    expect(sessionSchema.parse(answer(ownerLoad.state, "me.session"))).toMatchObject({
      id: await userIdOf("owner@demo.guild"),
      email: "owner@demo.guild",
    });
    expect(sessionSchema.parse(answer(memberLoad.state, "me.session"))).toMatchObject({
      id: await userIdOf("member@demo.guild"),
      email: "member@demo.guild",
    });
    expect(organizationSchema.parse(answer(ownerLoad.state, "organization.current"))).toMatchObject(
      { slug: "demo", membership: { role: "owner" } },
    );
    expect(
      organizationSchema.parse(answer(memberLoad.state, "organization.current")),
    ).toMatchObject({ slug: "demo", membership: { role: "member" } });
    for (const { headers } of [ownerLoad, memberLoad]) {
      // No shared cache keeps it; the browser asks again on every load.
      expect(headers.get("cache-control")).toBe("private, no-cache");
      expect(headers.get("vary")).toContain("cookie");
      // Same strict CSP as every shell: the JSON is data, not a script it would have to allow.
      expect(headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(headers.get("content-security-policy")).not.toContain("unsafe-inline");
    }
  });

  it("carry where the organization's event log stands, read before the organization", async () => {
    const owner = await demoTab("owner@demo.guild");
    // A change publishes an event: the position the next load carries includes it.
    await mutate(owner, "lead.create", { name: "Position Lead", email: "" }, "demo");
    const [counter] = await database.sql<{ last: string }[]>`
      select c.last_event_id::text as last from organization_event_counter c
      join organization o on o.id = c.organization_id where o.slug = 'demo'`;
    const { state } = await load(owner, "/o/demo");
    expect(state?.events).toEqual({ org: "demo", lastEventId: counter?.last });
    expect(Number(counter?.last)).toBeGreaterThan(0);
  });

  it("are none for a signed-out visitor or a cookie that is no session", async () => {
    const visitor = new Browser(server.url, { ip: uniqueIp() });
    const signedOut = await load(visitor, "/o/demo/leads");
    expect(signedOut.state).toBeNull();
    expect(signedOut.html).toBe(shell);
    expect(signedOut.headers.get("cache-control")).toBe("no-cache");
    const forged = await fetch(new URL("/o/demo", server.url), {
      headers: { cookie: "better-auth.session_token=forged.c2lnbmF0dXJl" },
    });
    expect(await forged.text()).toBe(shell);
    // Signed out again: the same browser's next load has none.
    const owner = await demoTab("owner@demo.guild");
    expect((await load(owner, "/o/demo")).state).not.toBeNull();
    expect((await owner.post("/api/auth/sign-out", {})).status).toBe(200);
    expect((await load(owner, "/o/demo")).state).toBeNull();
  });

  it("hold only the session outside an organization the user belongs to", async () => {
    const stranger = new Browser(server.url, { ip: uniqueIp() });
    const email = uniqueEmail("first-load-stranger");
    const signedIn = await signUpVerified(stranger, database, {
      name: "Stranger",
      email,
      password: "stranger-password-1",
    });
    expect(signedIn.status).toBe(200);
    for (const path of ["/o/demo/leads", "/o/no-such-org", "/account"]) {
      const { state } = await load(stranger, path);
      expect(state?.answers.map((a) => a.path)).toEqual(["me.session"]);
      expect(state?.events).toBeNull();
      expect(sessionSchema.parse(answer(state, "me.session")).email).toBe(email);
    }
  });

  it("cannot end their element, whatever a name holds, and follow a change on the next load", async () => {
    const owner = await demoTab("owner@demo.guild");
    const slug = `xss-${Date.now().toString(36)}`;
    await mutate(owner, "me.organizations.create", { name: "Plain", slug }, "");
    const name = "</script><script>alert(1)</script><!-- & co";
    await mutate(owner, "organization.update", { name }, slug);
    const { html, state } = await load(owner, `/o/${slug}`);
    // One element, ended where the server ended it; the name comes back exactly.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(organizationSchema.parse(answer(state, "organization.current")).name).toBe(name);
    await mutate(owner, "organization.update", { name: "Renamed" }, slug);
    const again = await load(owner, `/o/${slug}`);
    expect(organizationSchema.parse(answer(again.state, "organization.current")).name).toBe(
      "Renamed",
    );
  });

  it("carry the dashboard's default view for the CRM's staff, as the API answers it", async () => {
    const owner = await demoTab("owner@demo.guild");
    const { state } = await load(owner, "/o/demo");
    const report = state?.answers.find((a) => a.path === "lead.salesReport");
    const recent = state?.answers.find((a) => a.path === "lead.list");
    expect(report?.input).toEqual({ from: null, mine: false });
    expect(recent?.input).toEqual({ sort: "createdAt", order: "desc", limit: 5 });
    // What the app would have fetched itself, to the figure.
    const asked = await owner.request(
      `/api/trpc/lead.salesReport,lead.list?batch=1&input=${encodeURIComponent(
        JSON.stringify({ 0: { json: report?.input }, 1: { json: recent?.input } }),
      )}`,
      { headers: { "x-guild-org": "demo" } },
    );
    const fetched = z
      .array(z.object({ result: z.object({ data: z.unknown() }) }))
      .parse(await asked.json());
    expect(report?.result).toEqual(fetched[0]?.result.data);
    expect(recent?.result).toEqual(fetched[1]?.result.data);
    expect(z.object({ items: z.array(z.unknown()) }).parse(recent?.result.json).items).toHaveLength(
      5,
    );

    // Another view of it, or another screen: the app asks for its own data.
    for (const path of ["/o/demo?period=30d", "/o/demo/leads", "/o/demo/tasks"]) {
      const other = await load(owner, path);
      expect(other.state?.answers.map((a) => a.path)).toEqual([
        "me.session",
        "organization.current",
      ]);
    }
  });

  it("carry no sales figures for a member without CRM access", async () => {
    await database.sql`
      update member set crm_access = false
      where user_id = (select id from "user" where email = 'member@demo.guild')`;
    try {
      const member = await demoTab("member@demo.guild");
      const { state } = await load(member, "/o/demo");
      expect(state?.answers.map((a) => a.path)).toEqual(["me.session", "organization.current"]);
    } finally {
      await database.sql`
        update member set crm_access = true
        where user_id = (select id from "user" where email = 'member@demo.guild')`;
    }
  });

  it("keep line and paragraph separators escaped (old parsers end a script's line at them)", () => {
    const text = "a\u2028b\u2029c</script>";
    const json = firstLoadJson({
      answers: [{ org: null, path: "me.session", result: { json: { name: text } } }],
      events: null,
    });
    expect(json).not.toMatch(/[\u2028\u2029<>]/);
    expect(firstLoadSchema.parse(JSON.parse(json)).answers[0]?.result.json).toEqual({
      name: text,
    });
  });
});
