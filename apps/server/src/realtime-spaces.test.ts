// Chat events and space visibility over real SSE, across two server processes: an admin changes
// who sees a private chat space through server A while members' streams are open on server B.
// Server B decides the spaces for all its streams of the organization at once (realtime/
// space-gate.ts); this proves that answer is never stale: a member added to the space hears its
// very next message, a member removed does not, and a space made public opens at once.
import { DEMO_PASSWORD } from "@guild/db/seed";
import { createTestDatabase } from "@guild/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  Browser,
  openEventStream,
  readJson,
  signIn,
  startTestServer,
  type TestServer,
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
const chatEvent = z.object({
  kind: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
});

async function demoTab(email: string, on: TestServer) {
  const tab = new Browser(on.url, { ip: uniqueIp() });
  expect((await signIn(tab, email, DEMO_PASSWORD)).status).toBe(200);
  return tab;
}

async function call(tab: Browser, path: string, input: unknown) {
  const response = await tab.post(`/api/trpc/${path}`, { json: input }, { "x-guild-org": "demo" });
  return (await readJson(response, trpcResult)).result.data.json;
}

async function query(tab: Browser, path: string, input: unknown) {
  const url = `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await tab.request(url, { headers: { "x-guild-org": "demo" } });
  return (await readJson(response, trpcResult)).result.data.json;
}

async function memberIdOf(email: string) {
  const [row] = await database.sql<{ id: string }[]>`
    select m.id from member m join "user" u on u.id = m.user_id
    join organization o on o.id = m.organization_id
    where u.email = ${email} and o.slug = 'demo'`;
  if (!row) throw new Error(`no member ${email}`);
  return row.id;
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
      await call(owner, "space.create", {
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
      withId.parse(await call(owner, "chat.post", { spaceId, body })).id;

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

      await call(owner, "space.addMember", { spaceId: space.id, memberId });
      const welcome = await post(space.id, "welcome aboard");
      expect(await member.nextChat()).toBe(welcome);
      expect(await admin.nextChat()).toBe(welcome);

      await call(owner, "space.removeMember", { spaceId: space.id, memberId });
      const afterRemoval = await post(space.id, "said after they left");
      const marker = await post(general.id, "meanwhile, in general");
      expect(await member.nextChat()).toBe(marker);
      expect([await admin.nextChat(), await admin.nextChat()]).toEqual([afterRemoval, marker]);

      await call(owner, "space.update", {
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
