// Realtime across server processes: two servers (each its own pool, LISTEN connection and job
// runner) on one database. A change made through one reaches an event stream served by the other,
// read over plain HTTP as a browser's EventSource reads it; a reconnect resumes without loss or
// duplicates; a member removed mid-stream stops hearing; chat events follow a space's visibility
// as an admin changes it; shutdown does not wait for open streams.
import { DEMO_PASSWORD } from "@guild/db/seed";
import { createTestDatabase } from "@guild/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  Browser,
  openEventStream,
  readJson,
  signIn,
  signUpVerified,
  startTestServer,
  type TestServer,
  uniqueEmail,
  uniqueIp,
} from "./testing.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"));
  // One after the other: the first migrates and seeds the demo organization.
  a = await startTestServer(database.url, { TRUST_PROXY: true });
  b = await startTestServer(database.url, { TRUST_PROXY: true });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await database?.drop();
});

const trpcResult = z.object({ result: z.object({ data: z.object({ json: z.unknown() }) }) });
const withId = z.object({ id: z.string() });

/** A signed-in demo user, as a tab of server `on` (cookies are valid on both servers). */
async function demoTab(email: string, on: TestServer = a) {
  const tab = new Browser(on.url, { ip: uniqueIp() });
  expect((await signIn(tab, email, DEMO_PASSWORD)).status).toBe(200);
  return tab;
}

async function mutate(tab: Browser, path: string, input: unknown, slug = "demo") {
  const response = await tab.post(`/api/trpc/${path}`, { json: input }, { "x-guild-org": slug });
  const body = await readJson(response, trpcResult);
  return body.result.data.json;
}

const leadEvent = z.object({
  kind: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  actorMemberId: z.string().nullable(),
  at: z.string(),
});

async function memberIdOf(email: string) {
  const [row] = await database.sql<{ id: string }[]>`
    select m.id from member m join "user" u on u.id = m.user_id
    join organization o on o.id = m.organization_id
    where u.email = ${email} and o.slug = 'demo'`;
  if (!row) throw new Error(`no member ${email}`);
  return row.id;
}

describe("realtime across two server processes", () => {
  it("streams a change made through server A to a subscriber of server B", async () => {
    const owner = await demoTab("owner@demo.guild", a);
    const member = await demoTab("member@demo.guild", b);
    const stream = await openEventStream(b.url, member, "demo");
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toContain("text/event-stream");
    expect(await stream.next()).toMatchObject({ event: "connected" });
    const ready = await stream.next();
    expect(ready).toMatchObject({ data: { kind: "ready" } });
    if (ready === "ended") throw new Error("ended");

    const sent = performance.now();
    const lead = withId.parse(await mutate(owner, "lead.create", { name: "Across processes" }));
    const message = await stream.next();
    const latencyMs = Math.round(performance.now() - sent);
    if (message === "ended") throw new Error("ended");
    expect(message.id).toBe(String(Number(ready.id) + 1));
    const event = leadEvent.parse(message.data);
    expect(event).toMatchObject({
      kind: "lead.created",
      target: { type: "lead", id: lead.id },
      actorMemberId: await memberIdOf("owner@demo.guild"),
    });
    // Mutation round trip on A included.
    expect(latencyMs).toBeLessThan(2_000);
    process.stdout.write(`realtime: lead.create on A → event on B's stream in ${latencyMs} ms\n`);
    stream.close();
  });

  it("resumes after a reconnect (Last-Event-ID, or lastEventId in the input) with no loss and no duplicates", async () => {
    const owner = await demoTab("owner@demo.guild", a);
    const member = await demoTab("member@demo.guild", b);
    const first = await openEventStream(b.url, member, "demo");
    await first.next(); // connected
    const ready = await first.next();
    if (ready === "ended" || !ready.id) throw new Error("no ready");
    const one = withId.parse(await mutate(owner, "lead.create", { name: "Before the drop" }));
    const heard = await first.next();
    if (heard === "ended" || !heard.id) throw new Error("no event");
    expect(leadEvent.parse(heard.data).target.id).toBe(one.id);
    first.close();

    // Written while nobody listens.
    const missed: string[] = [];
    for (const name of ["Missed 1", "Missed 2", "Missed 3"])
      missed.push(withId.parse(await mutate(owner, "lead.create", { name })).id);

    const from = heard.id;
    /** The next `count` events of a stream: their ids and lead ids. */
    const take = async (stream: Awaited<ReturnType<typeof openEventStream>>, count: number) => {
      const got: Array<{ id: string; lead: string }> = [];
      for (let i = 0; i < count; i++) {
        const message = await stream.next();
        if (message === "ended" || !message.id) throw new Error("ended");
        got.push({ id: message.id, lead: leadEvent.parse(message.data).target.id });
      }
      return got;
    };
    const idAfter = (n: number) => String(Number(from) + n);

    // EventSource's own reconnect: the Last-Event-ID header, here to the other server.
    const byHeader = await openEventStream(a.url, member, "demo", { header: from });
    expect(await byHeader.next()).toMatchObject({ event: "connected" });
    expect(await take(byHeader, 3)).toEqual(
      missed.map((lead, i) => ({ id: idAfter(i + 1), lead })),
    );
    const live = withId.parse(await mutate(owner, "lead.create", { name: "Live again" }));
    expect(await take(byHeader, 1)).toEqual([{ id: idAfter(4), lead: live.id }]);
    await expect(byHeader.next(500)).rejects.toThrow(/no message/);
    byHeader.close();

    // The tRPC link's reconnect (after inactivity, or retryLink): lastEventId in the input.
    const byInput = await openEventStream(b.url, member, "demo", { input: from });
    expect(await byInput.next()).toMatchObject({ event: "connected" });
    expect(await take(byInput, 4)).toEqual(
      [...missed, live.id].map((lead, i) => ({ id: idAfter(i + 1), lead })),
    );
    await expect(byInput.next(500)).rejects.toThrow(/no message/);
    byInput.close();
  });

  it("gives a member of another organization nothing: NOT_FOUND, then the stream ends", async () => {
    const stranger = new Browser(a.url, { ip: uniqueIp() });
    const email = uniqueEmail("stranger");
    const signedIn = await signUpVerified(stranger, database, {
      name: "Stranger",
      email,
      password: "stranger-password-1",
    });
    expect(signedIn.status).toBe(200);
    await mutate(stranger, "me.organizations.create", { name: "Elsewhere", slug: "elsewhere" }, "");
    const stream = await openEventStream(b.url, stranger, "demo");
    // tRPC answers 200 and reports the refusal in the stream (EventSource cannot read a status).
    expect(stream.response.status).toBe(200);
    expect(await stream.next()).toMatchObject({ event: "connected" });
    const refusal = await stream.next();
    expect(refusal).toMatchObject({
      event: "serialized-error",
      data: { data: { code: "NOT_FOUND" } },
    });
    expect(await stream.next()).toBe("ended");
    expect(JSON.stringify(refusal)).not.toContain("Across processes");
  });

  it("takes the organization from connectionParams for subscriptions only", async () => {
    const member = await demoTab("member@demo.guild", a);
    const url = new URL("/api/trpc/lead.pipelineSummary", a.url);
    url.searchParams.set("input", JSON.stringify({ json: null }));
    url.searchParams.set("connectionParams", JSON.stringify({ org: "demo" }));
    const response = await member.request(`${url.pathname}${url.search}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("No organization named in the request");
  });

  it("stops a member's stream when an admin on the other server removes them", async () => {
    const email = uniqueEmail("leaving");
    const leaving = new Browser(b.url, { ip: uniqueIp() });
    const signedIn = await signUpVerified(leaving, database, {
      name: "Leaving",
      email,
      password: "leaving-password-1",
    });
    expect(signedIn.status).toBe(200);
    const [added] = await database.sql<{ id: string }[]>`
      insert into member (organization_id, user_id, role)
      select o.id, u.id, 'member' from organization o, "user" u
      where o.slug = 'demo' and u.email = ${email} returning id`;
    const stream = await openEventStream(b.url, leaving, "demo");
    await stream.next(); // connected
    expect(await stream.next()).toMatchObject({ data: { kind: "ready" } });

    const admin = await demoTab("admin@demo.guild", a);
    await mutate(admin, "member.remove", { id: added!.id });
    await mutate(admin, "lead.create", { name: "Secret after removal" });
    const refusal = await stream.next();
    expect(refusal).toMatchObject({
      event: "serialized-error",
      data: { data: { code: "NOT_FOUND" } },
    });
    expect(await stream.next()).toBe("ended");
  });
});

// Chat events and space visibility as they change: an admin changes who sees a private chat
// space through server A while members' streams are open on server B, which decides the spaces
// for all its streams of the organization at once (realtime/space-gate.ts). The answer is never
// stale: a member added hears the space's very next message, a removed one does not, and a space
// made public opens at once.
const chatEvent = z.object({
  kind: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
});

async function query(tab: Browser, path: string, input: unknown) {
  const url = `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await tab.request(url, { headers: { "x-guild-org": "demo" } });
  return (await readJson(response, trpcResult)).result.data.json;
}

/** A member's stream on server B, read up to `ready`; `nextChat()` gives the next chat message id. */
async function chatStream(tab: Browser) {
  const stream = await openEventStream(b.url, tab, "demo");
  expect(await stream.next()).toMatchObject({ event: "connected" });
  expect(await stream.next()).toMatchObject({ data: { kind: "ready" } });
  return {
    async nextChat() {
      for (;;) {
        const message = await stream.next();
        if (message === "ended") throw new Error("the stream ended");
        const event = chatEvent.safeParse(message.data);
        if (event.success && event.data.kind === "chat.message.posted") return event.data.target.id;
      }
    },
    close: () => stream.close(),
  };
}

describe("chat events follow space visibility as it changes", () => {
  it("reach a member added to a private space at once, stop at once when removed, and open when the space turns public", async () => {
    const owner = await demoTab("owner@demo.guild", a);
    const space = withId.parse(
      await mutate(owner, "space.create", {
        name: "Backstage",
        slug: "backstage",
        description: "",
        icon: "",
        type: "chat",
        visibility: "private",
        section: "",
        tierIds: [],
      }),
    );
    const general = withId.parse(await query(owner, "space.get", { slug: "general-chat" }));
    const memberId = await memberIdOf("member@demo.guild");
    const post = async (spaceId: string, body: string) =>
      withId.parse(await mutate(owner, "chat.post", { spaceId, body })).id;

    // The same batches reach both streams on B: the gate answers a plain member and an admin
    // (who sees every space) in one statement.
    const member = await chatStream(await demoTab("member@demo.guild", b));
    const admin = await chatStream(await demoTab("admin@demo.guild", b));
    try {
      // Not in the space: the member hears only the public chat; the admin hears both.
      const hidden = await post(space.id, "before anyone is added");
      const open = await post(general.id, "hello everyone");
      expect(await member.nextChat()).toBe(open);
      expect([await admin.nextChat(), await admin.nextChat()]).toEqual([hidden, open]);

      await mutate(owner, "space.addMember", { spaceId: space.id, memberId });
      const welcome = await post(space.id, "welcome aboard");
      expect(await member.nextChat()).toBe(welcome);
      expect(await admin.nextChat()).toBe(welcome);

      await mutate(owner, "space.removeMember", { spaceId: space.id, memberId });
      const afterRemoval = await post(space.id, "said after they left");
      const marker = await post(general.id, "meanwhile, in general");
      expect(await member.nextChat()).toBe(marker);
      expect([await admin.nextChat(), await admin.nextChat()]).toEqual([afterRemoval, marker]);

      await mutate(owner, "space.update", {
        id: space.id,
        name: "Backstage",
        slug: "backstage",
        description: "",
        icon: "",
        type: "chat",
        visibility: "public",
        section: "",
      });
      const nowPublic = await post(space.id, "open to all now");
      expect(await member.nextChat()).toBe(nowPublic);
      expect(await admin.nextChat()).toBe(nowPublic);
    } finally {
      member.close();
      admin.close();
    }
  });
});

describe("shutdown with open event streams", () => {
  it("cuts them at once (no `return` event, so clients reconnect elsewhere) instead of waiting the drain", async () => {
    const third = await startTestServer(database.url, { TRUST_PROXY: true });
    const member = await demoTab("member@demo.guild", third);
    const streams = await Promise.all(
      [1, 2, 3].map(() => openEventStream(third.url, member, "demo")),
    );
    for (const stream of streams) {
      await stream.next();
      expect(await stream.next()).toMatchObject({ data: { kind: "ready" } });
    }
    const started = performance.now();
    await third.close();
    const closeMs = Math.round(performance.now() - started);
    expect(closeMs).toBeLessThan(3_000);
    process.stdout.write(`realtime: shutdown with 3 open streams took ${closeMs} ms\n`);
    for (const stream of streams) {
      // The connection drops: an error or a plain end, never tRPC's `return` (completion).
      const last = await stream.next().catch(() => "cut");
      expect(["cut", "ended"]).toContain(last);
    }
  });
});
