// The assistant's stored side: a member's conversations (list with search and keyset pages, get,
// rename, remove), theirs alone, and the organization's settings, changed by admins.
import { assistantConversation, assistantMessage } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, followEvents, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acmeId: string;
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
let owner: Person;
let ada: Person;
let bob: Person;

/** A conversation as assistant.send leaves it: a question and its answer. */
async function conversationOf(
  person: Person,
  title: string,
  question: string,
  answer: string,
  lastMessageAt: Date,
) {
  const [row] = await fx.db
    .insert(assistantConversation)
    .values({ organizationId: acmeId, memberId: person.memberId, title, lastMessageAt })
    .returning({ id: assistantConversation.id });
  if (!row) throw new Error("no conversation");
  await fx.db.insert(assistantMessage).values([
    {
      organizationId: acmeId,
      memberId: person.memberId,
      conversationId: row.id,
      role: "user",
      content: question,
      status: "complete",
      idempotencyKey: `key-${row.id}`,
      credits: 1,
      createdAt: lastMessageAt,
    },
    {
      organizationId: acmeId,
      memberId: person.memberId,
      conversationId: row.id,
      role: "assistant",
      content: answer,
      status: "complete",
      createdAt: new Date(lastMessageAt.getTime() + 1),
    },
  ]);
  return row.id;
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme", ["admin"]);
  acmeId = acme.org.id;
  owner = { ...acme.owner };
  ada = await fx.addMember(acmeId, "member", { name: "Ada" });
  bob = await fx.addMember(acmeId, "member", { name: "Bob" });
});
afterAll(() => fx.drop());

describe("assistant conversations", () => {
  it("lists the member's own conversations, most recent first, a page at a time", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await conversationOf(ada, `Question ${i}`, `Ask ${i}`, `Answer ${i}`, at(i)));
    await conversationOf(bob, "Bob's own", "Bob asks", "Bob's answer", at(30));
    const api = await ada.caller("acme");
    const first = await api.assistant.list({ limit: 2 });
    expect(first.items.map((c) => c.title)).toEqual(["Question 4", "Question 3"]);
    const second = await api.assistant.list({ limit: 2, cursor: first.nextCursor });
    const third = await api.assistant.list({ limit: 2, cursor: second.nextCursor });
    expect([...second.items, ...third.items].map((c) => c.title)).toEqual([
      "Question 2",
      "Question 1",
      "Question 0",
    ]);
    expect(third.nextCursor).toBeNull();
    // Bob's conversation is not in Ada's list; an admin's list holds only the admin's.
    const admin = await owner.caller("acme");
    expect((await admin.assistant.list({})).items).toEqual([]);
  });

  it("searches titles and the words of questions and answers, in the member's own only", async () => {
    const api = await ada.caller("acme");
    await conversationOf(
      ada,
      "Forecast",
      "How is the quarter going?",
      "Revenue grew nicely",
      at(40),
    );
    const titles = async (search: string) =>
      (await api.assistant.list({ search })).items.map((c) => c.title);
    expect(await titles("forec")).toEqual(["Forecast"]);
    expect(await titles("quarter")).toEqual(["Forecast"]);
    expect(await titles("revenue grew")).toEqual(["Forecast"]);
    expect(await titles("revenue bob")).toEqual([]);
    // Bob's words find nothing for Ada.
    expect(await titles("bob")).toEqual([]);
    expect(await (await bob.caller("acme")).assistant.list({ search: "bob" })).toMatchObject({
      items: [{ title: "Bob's own" }],
    });
  });

  it("opens, renames and removes a conversation of the member's; another's is not found", async () => {
    const id = await conversationOf(ada, "Old title", "Hello?", "Hi Ada", at(50));
    const api = await ada.caller("acme");
    const opened = await api.assistant.get({ id });
    expect(opened.messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ["user", "Hello?", "complete"],
      ["assistant", "Hi Ada", "complete"],
    ]);
    expect(await api.assistant.rename({ id, title: "  New title " })).toMatchObject({
      id,
      title: "New title",
    });
    for (const other of [bob, owner]) {
      const theirs = await other.caller("acme");
      expect(await refusalOf(theirs.assistant.get({ id }))).toMatchObject({ code: "NOT_FOUND" });
      expect(await refusalOf(theirs.assistant.rename({ id, title: "Mine" }))).toMatchObject({
        code: "NOT_FOUND",
      });
      expect(await refusalOf(theirs.assistant.remove({ id }))).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await refusalOf(api.assistant.rename({ id, title: " " }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: ["title"],
    });
    expect(await api.assistant.remove({ id })).toEqual({ id });
    expect(await refusalOf(api.assistant.get({ id }))).toMatchObject({ code: "NOT_FOUND" });
    const messages = await fx.sql`select 1 from assistant_message where conversation_id = ${id}`;
    expect(messages.length).toBe(0);
  });
});

describe("assistant live events", () => {
  it("tell only the conversation's member that it changed (their other tabs)", async () => {
    const id = await conversationOf(ada, "Live", "Hi", "Hello", at(55));
    const adas = await followEvents(ada, "acme");
    const owners = await followEvents(owner, "acme");
    try {
      await (await ada.caller("acme")).assistant.rename({ id, title: "Renamed live" });
      expect(await adas.nextOf(["assistant."])).toMatchObject({
        kind: "assistant.message",
        target: { type: "assistant_conversation", id },
      });
      // The owner hears nothing of it: the next thing they hear is their own change after it.
      await (await owner.caller("acme")).lead.create({ name: "After the rename" });
      expect((await owners.nextOf(["assistant.", "lead."])).kind).toMatch(/^lead\./);
    } finally {
      adas.close();
      owners.close();
    }
  });
});

describe("assistant settings", () => {
  it("are on at one credit a message until an admin changes them; members only read them", async () => {
    const member = await ada.caller("acme");
    expect(await member.assistant.settings()).toEqual({ enabled: true, creditsPerMessage: 1 });
    expect(
      await refusalOf(member.assistant.updateSettings({ enabled: false, creditsPerMessage: 0 })),
    ).toMatchObject({ code: "FORBIDDEN" });
    const admin = await owner.caller("acme");
    expect(await admin.assistant.updateSettings({ enabled: false, creditsPerMessage: 3 })).toEqual({
      enabled: false,
      creditsPerMessage: 3,
    });
    expect(await member.assistant.settings()).toEqual({ enabled: false, creditsPerMessage: 3 });
    expect(
      await refusalOf(admin.assistant.updateSettings({ enabled: true, creditsPerMessage: 101 })),
    ).toMatchObject({ code: "BAD_REQUEST", fields: ["creditsPerMessage"] });
  });
});
