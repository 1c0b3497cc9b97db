// Direct messages through the procedures, on a real database: only participants read a
// conversation (staff and other organizations get NOT_FOUND, and row-level security hides it
// even from a query that forgets to ask), one-to-one conversations are made once, groups stay
// small, blocks forbid writing, unread counts follow what was read, and events reach only the
// participants. Groups change: people are added (reading only from then on), removed by the
// starter, or leave, each with a system line in the history.
import { asSystem, conversation, directMessage, withTenant } from "@guild/db";
import { CONVERSATION_MAX_MEMBERS } from "@guild/db/enums";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, codeOf, createApiFixture, followEvents, refusalOf } from "../testing.ts";

let fx: ApiFixture;
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
type Caller = Awaited<ReturnType<Person["caller"]>>;

const people = ["owner", "moderator", "ada", "bob", "cy", "dan", "eve", "stranger"] as const;
type Who = (typeof people)[number];
const persons = {} as Record<Who, Person>;
const callers = {} as Record<Who, Caller>;
let acmeId = "";

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme", ["moderator"], { plan: "pro" });
  const other = await fx.createOrg("other");
  acmeId = acme.org.id;
  persons.owner = acme.owner;
  persons.moderator = acme.members.moderator!;
  for (const who of ["ada", "bob", "cy", "dan", "eve"] as const)
    persons[who] = await fx.addMember(acme.org.id, "member", { name: who });
  persons.stranger = other.owner;
  for (const who of people)
    callers[who] = await persons[who].caller(who === "stranger" ? "other" : "acme");
});
afterAll(() => fx.drop());

const id = (who: Who) => persons[who].memberId;

/** What the member's own tenant transaction reads, with no where at all (RLS alone decides). */
const visibleTo = (who: Who, role: "owner" | "member") =>
  withTenant(
    fx.db,
    {
      organizationId: acmeId,
      actor: {
        kind: "member",
        memberId: id(who),
        userId: persons[who].id,
        role,
        crmAccess: false,
      },
    },
    async (scope) => ({
      conversations: (await scope.db.select().from(conversation)).map((c) => c.id),
      messages: (await scope.db.select().from(directMessage)).map((m) => m.conversationId),
    }),
  );

describe("participants only", () => {
  it("shows a conversation to its participants and to no one else, staff included", async () => {
    const talk = await callers.ada.directMessage.start({ memberIds: [id("bob")] });
    expect(talk.others.map((p) => p.memberId)).toEqual([id("bob")]);
    const sent = await callers.ada.directMessage.send({ conversationId: talk.id, body: "hi bob" });
    const bobSees = await callers.bob.directMessage.history({ conversationId: talk.id });
    expect(bobSees.items.map((m) => m.id)).toEqual([sent.id]);
    for (const who of ["owner", "moderator", "cy"] as const) {
      const api = callers[who].directMessage;
      expect(await codeOf(api.get({ conversationId: talk.id })), who).toBe("NOT_FOUND");
      expect(await codeOf(api.history({ conversationId: talk.id })), who).toBe("NOT_FOUND");
      expect(await codeOf(api.send({ conversationId: talk.id, body: "me too" })), who).toBe(
        "NOT_FOUND",
      );
      expect(await codeOf(api.markRead({ conversationId: talk.id })), who).toBe("NOT_FOUND");
      expect(await codeOf(api.remove({ id: sent.id })), who).toBe("NOT_FOUND");
      expect((await api.conversations({})).items.map((c) => c.id)).not.toContain(talk.id);
    }
    expect(await codeOf(callers.stranger.directMessage.get({ conversationId: talk.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(callers.stranger.directMessage.start({ memberIds: [id("ada")] }))).toBe(
      "NOT_FOUND",
    );
  });

  it("hides other people's conversations in the database itself (conversation_participant)", async () => {
    const talk = await callers.ada.directMessage.start({ memberIds: [id("bob"), id("cy")] });
    await callers.ada.directMessage.send({ conversationId: talk.id, body: "group hello" });
    const owner = await visibleTo("owner", "owner");
    expect(owner.conversations).not.toContain(talk.id);
    expect(owner.messages).not.toContain(talk.id);
    const cy = await visibleTo("cy", "member");
    expect(cy.conversations).toContain(talk.id);
    expect(cy.messages).toContain(talk.id);
    // Writing into someone else's conversation is refused by the database too.
    await expect(
      withTenant(
        fx.db,
        {
          organizationId: acmeId,
          actor: {
            kind: "member",
            memberId: id("owner"),
            userId: persons.owner.id,
            role: "owner",
            crmAccess: false,
          },
        },
        (scope) =>
          scope.db.insert(directMessage).values({
            organizationId: acmeId,
            conversationId: talk.id,
            authorMemberId: id("owner"),
            body: "sneaking in",
          }),
      ),
    ).rejects.toThrow();
    // The system actor (jobs, seeds) sees it.
    const all = await withTenant(fx.db, asSystem(acmeId, "test"), (scope) =>
      scope.db.select({ id: conversation.id }).from(conversation),
    );
    expect(all.map((c) => c.id)).toContain(talk.id);
  });

  it("opens the same one-to-one conversation when started again, from either side", async () => {
    const first = await callers.cy.directMessage.start({ memberIds: [id("moderator")] });
    const again = await callers.moderator.directMessage.start({ memberIds: [id("cy")] });
    expect(again.id).toBe(first.id);
    expect(first.group).toBe(false);
  });

  it("keeps groups small and refuses oneself or an unknown member on the field", async () => {
    const tooMany = Array.from({ length: CONVERSATION_MAX_MEMBERS }, () => id("bob"));
    expect(
      (await refusalOf(callers.ada.directMessage.start({ memberIds: tooMany })))?.fields,
    ).toEqual(["memberIds"]);
    expect(
      (await refusalOf(callers.ada.directMessage.start({ memberIds: [id("ada")] })))?.fields,
    ).toEqual(["memberIds"]);
    expect(
      await refusalOf(
        callers.ada.directMessage.start({ memberIds: ["00000000-0000-4000-8000-000000000000"] }),
      ),
    ).toEqual({ code: "NOT_FOUND", fields: ["memberIds"] });
  });
});

describe("blocking", () => {
  it("forbids the blocked member to start a conversation or write, saying why; unblock lifts it", async () => {
    const talk = await callers.bob.directMessage.start({ memberIds: [id("cy")] });
    await callers.cy.directMessage.block({ memberId: id("bob") });
    expect((await callers.cy.directMessage.blocks()).map((b) => b.memberId)).toEqual([id("bob")]);
    const refusal = callers.bob.directMessage.send({ conversationId: talk.id, body: "hello?" });
    await expect(refusal).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callers.bob.directMessage.send({ conversationId: talk.id, body: "hello?" }),
    ).rejects.toThrow(/blocked you/);
    expect(await codeOf(callers.bob.directMessage.start({ memberIds: [id("cy")] }))).toBe(
      "FORBIDDEN",
    );
    // A group with the blocker in it is refused too.
    expect(
      await codeOf(callers.bob.directMessage.start({ memberIds: [id("cy"), id("ada")] })),
    ).toBe("FORBIDDEN");
    // The blocker does not write to whom they blocked either, until they unblock.
    await expect(
      callers.cy.directMessage.send({ conversationId: talk.id, body: "hm" }),
    ).rejects.toThrow(/unblock/);
    const view = await callers.cy.directMessage.get({ conversationId: talk.id });
    expect(view.blockedByMe).toBe(true);
    // Bob does not learn who else cy blocked, nor read cy's blocks.
    expect(await callers.bob.directMessage.blocks()).toEqual([]);

    await callers.cy.directMessage.unblock({ memberId: id("bob") });
    await callers.bob.directMessage.send({ conversationId: talk.id, body: "hello again" });
    expect(await codeOf(callers.cy.directMessage.unblock({ memberId: id("bob") }))).toBe(
      "NOT_FOUND",
    );
    expect(
      (await refusalOf(callers.cy.directMessage.block({ memberId: id("cy") })))?.fields,
    ).toEqual(["memberId"]);
  });
});

describe("unread counts", () => {
  it("counts others' messages after the last read, and marking read clears them", async () => {
    const talk = await callers.owner.directMessage.start({ memberIds: [id("ada")] });
    const before = await callers.ada.directMessage.unread();
    await callers.owner.directMessage.send({ conversationId: talk.id, body: "one" });
    await callers.owner.directMessage.send({ conversationId: talk.id, body: "two" });
    const after = await callers.ada.directMessage.unread();
    expect(after.messages - before.messages).toBe(2);
    const listed = await callers.ada.directMessage.conversations({});
    const row = listed.items.find((c) => c.id === talk.id);
    expect(row).toMatchObject({ unread: 2, lastMessage: { body: "two", mine: false } });
    // The sender's own messages are not unread to them.
    expect((await callers.owner.directMessage.get({ conversationId: talk.id })).unread).toBe(0);
    // A deleted message no longer counts.
    const three = await callers.owner.directMessage.send({ conversationId: talk.id, body: "3" });
    await callers.owner.directMessage.remove({ id: three.id });
    expect((await callers.ada.directMessage.get({ conversationId: talk.id })).unread).toBe(2);

    await callers.ada.directMessage.markRead({ conversationId: talk.id });
    expect((await callers.ada.directMessage.get({ conversationId: talk.id })).unread).toBe(0);
    expect((await callers.ada.directMessage.unread()).messages).toBe(before.messages);
  });

  it("lists conversations latest first, paged by keyset", async () => {
    const all: string[] = [];
    let cursor: { createdAt: Date; id: string } | null | undefined = null;
    do {
      const page = await callers.ada.directMessage.conversations({ limit: 1, cursor });
      all.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    const whole = await callers.ada.directMessage.conversations({ limit: 100 });
    expect(all).toEqual(whole.items.map((c) => c.id));
    expect(new Set(all).size).toBe(all.length);
  });

  it("lets only the author edit a message", async () => {
    const talk = await callers.ada.directMessage.start({ memberIds: [id("bob")] });
    const sent = await callers.ada.directMessage.send({ conversationId: talk.id, body: "tpyo" });
    expect(await codeOf(callers.bob.directMessage.edit({ id: sent.id, body: "x" }))).toBe(
      "FORBIDDEN",
    );
    const fixed = await callers.ada.directMessage.edit({ id: sent.id, body: "typo" });
    expect(fixed).toMatchObject({ body: "typo", mine: true });
  });
});

describe("live events", () => {
  /** A member's event stream; `nextDm()` skips to the next direct message event. */
  async function follow(who: Who) {
    const stream = await followEvents(persons[who], "acme");
    return { nextDm: () => stream.nextOf(["dm."]), close: stream.close };
  }

  it("reach the participants only, naming the conversation", async () => {
    const private_ = await callers.ada.directMessage.start({ memberIds: [id("bob")] });
    const marker = await callers.ada.directMessage.start({ memberIds: [id("moderator")] });
    const bob = await follow("bob");
    const moderator = await follow("moderator");
    const owner = await follow("owner");
    try {
      await callers.ada.directMessage.send({ conversationId: private_.id, body: "just us" });
      await callers.ada.directMessage.send({ conversationId: marker.id, body: "hi mod" });
      const heard = await bob.nextDm();
      expect(heard).toMatchObject({
        kind: "dm.message.posted",
        target: { type: "conversation", id: private_.id },
      });
      // The moderator's first direct message event is their own conversation's, not bob's.
      expect((await moderator.nextDm()).target.id).toBe(marker.id);
      // The owner is in neither: nothing comes before this message to them.
      const mine = await callers.owner.directMessage.start({ memberIds: [id("ada")] });
      await callers.ada.directMessage.send({ conversationId: mine.id, body: "owner!" });
      expect((await owner.nextDm()).target.id).toBe(mine.id);
    } finally {
      bob.close();
      moderator.close();
      owner.close();
    }
  });

  it("tells those who stay, live, that someone left", async () => {
    const group = await callers.ada.directMessage.start({ memberIds: [id("bob"), id("cy")] });
    const ada = await follow("ada");
    try {
      await callers.bob.directMessage.leave({ conversationId: group.id });
      expect(await ada.nextDm()).toMatchObject({
        kind: "dm.people.changed",
        target: { type: "conversation", id: group.id },
      });
    } finally {
      ada.close();
    }
  });

  it("brings the group live to whom is added, and to whom is removed only that they were", async () => {
    const group = await callers.ada.directMessage.start({ memberIds: [id("bob"), id("cy")] });
    const eve = await follow("eve");
    const cy = await follow("cy");
    try {
      await callers.ada.directMessage.addPeople({
        conversationId: group.id,
        memberIds: [id("eve")],
      });
      expect(await eve.nextDm()).toMatchObject({
        kind: "dm.people.changed",
        target: { type: "conversation", id: group.id },
      });
      expect((await cy.nextDm()).target.id).toBe(group.id);
      await callers.ada.directMessage.removePerson({
        conversationId: group.id,
        memberId: id("cy"),
      });
      expect(await cy.nextDm()).toMatchObject({
        kind: "dm.removed",
        target: { type: "conversation", id: group.id },
      });
      await callers.ada.directMessage.send({ conversationId: group.id, body: "cy is gone" });
      // After that, Cy's next direct message event is from a conversation they are still in.
      const marker = await callers.ada.directMessage.start({ memberIds: [id("cy")] });
      await callers.ada.directMessage.send({ conversationId: marker.id, body: "just us" });
      expect((await cy.nextDm()).target.id).toBe(marker.id);
      expect((await eve.nextDm()).target.id).toBe(group.id);
    } finally {
      eve.close();
      cy.close();
    }
  });
});

describe("changing a group", () => {
  const lines = async (who: Who, conversationId: string) =>
    (await callers[who].directMessage.history({ conversationId })).items
      .map((m) => (m.system ? `[${m.body}]` : m.body))
      .reverse();

  it("adds people, who read only from the moment they joined, after a system line", async () => {
    const group = await callers.ada.directMessage.start({ memberIds: [id("bob"), id("cy")] });
    await callers.bob.directMessage.send({ conversationId: group.id, body: "before dan" });
    const before = await callers.dan.directMessage.unread();
    // Any participant adds, not only the starter.
    const view = await callers.bob.directMessage.addPeople({
      conversationId: group.id,
      memberIds: [id("dan")],
    });
    // In the order they joined: dan last.
    const others = view.others.map((p) => p.memberId);
    expect(others.slice(0, 2).sort()).toEqual([id("ada"), id("cy")].sort());
    expect(others[2]).toBe(id("dan"));
    await callers.ada.directMessage.send({ conversationId: group.id, body: "hi dan" });

    expect(await lines("ada", group.id)).toEqual(["before dan", "[bob added dan]", "hi dan"]);
    expect(await lines("dan", group.id)).toEqual(["[bob added dan]", "hi dan"]);
    const added = (await callers.dan.directMessage.history({ conversationId: group.id })).items[1];
    expect(added?.system).toMatchObject({ event: "added", subject: { memberId: id("dan") } });
    // Unread for dan: the line and ada's message, nothing from before; the line is not unread
    // to bob, who wrote it.
    expect((await callers.dan.directMessage.unread()).messages - before.messages).toBe(2);
    expect((await callers.bob.directMessage.get({ conversationId: group.id })).unread).toBe(1);
    const listed = await callers.dan.directMessage.conversations({});
    expect(listed.items.find((c) => c.id === group.id)?.lastMessage?.body).toBe("hi dan");
    // Row-level security cuts the same way: dan's transaction reads no earlier row of it.
    const inGroup = (rows: { messages: string[] }) =>
      rows.messages.filter((conversationId) => conversationId === group.id).length;
    expect(inGroup(await visibleTo("dan", "member"))).toBe(2);
    expect(inGroup(await visibleTo("bob", "member"))).toBe(3);
    // History pages end at the join.
    const page = await callers.dan.directMessage.history({ conversationId: group.id, limit: 1 });
    const rest = await callers.dan.directMessage.history({
      conversationId: group.id,
      cursor: page.nextCursor,
    });
    expect(rest.items.map((m) => m.body)).toEqual(["bob added dan"]);
    expect(rest.nextCursor).toBeNull();
    // Adding someone already in it changes nothing.
    await callers.ada.directMessage.addPeople({ conversationId: group.id, memberIds: [id("dan")] });
    expect(await lines("ada", group.id)).toHaveLength(3);
  });

  it("lets only the starter remove people, who then find the conversation nowhere", async () => {
    const group = await callers.ada.directMessage.start({ memberIds: [id("bob"), id("cy")] });
    const cySaid = await callers.cy.directMessage.send({
      conversationId: group.id,
      body: "cy here",
    });
    expect(group.startedByMemberId).toBe(id("ada"));
    expect(
      await refusalOf(
        callers.bob.directMessage.removePerson({ conversationId: group.id, memberId: id("cy") }),
      ),
    ).toEqual({ code: "FORBIDDEN", fields: [] });
    expect(
      await refusalOf(
        callers.ada.directMessage.removePerson({ conversationId: group.id, memberId: id("dan") }),
      ),
    ).toEqual({ code: "NOT_FOUND", fields: ["memberId"] });
    expect(
      await refusalOf(
        callers.ada.directMessage.removePerson({ conversationId: group.id, memberId: id("ada") }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["memberId"] });

    await callers.ada.directMessage.removePerson({ conversationId: group.id, memberId: id("cy") });
    expect(await lines("bob", group.id)).toEqual(["cy here", "[ada removed cy]"]);
    const cy = callers.cy.directMessage;
    expect(await codeOf(cy.get({ conversationId: group.id }))).toBe("NOT_FOUND");
    expect(await codeOf(cy.history({ conversationId: group.id }))).toBe("NOT_FOUND");
    expect(await codeOf(cy.send({ conversationId: group.id, body: "still?" }))).toBe("NOT_FOUND");
    expect(await codeOf(cy.markRead({ conversationId: group.id }))).toBe("NOT_FOUND");
    expect(await codeOf(cy.edit({ id: cySaid.id, body: "edit" }))).toBe("NOT_FOUND");
    expect(await codeOf(cy.leave({ conversationId: group.id }))).toBe("NOT_FOUND");
    expect(await codeOf(cy.addPeople({ conversationId: group.id, memberIds: [id("cy")] }))).toBe(
      "NOT_FOUND",
    );
    expect((await cy.conversations({ limit: 100 })).items.map((c) => c.id)).not.toContain(group.id);
    // Row-level security agrees: the conversation and its messages do not exist for cy.
    const rows = await visibleTo("cy", "member");
    expect(rows.conversations).not.toContain(group.id);
    expect(rows.messages).not.toContain(group.id);
  });

  it("lets anyone leave; the starter's right to remove passes on, the last one out deletes it", async () => {
    const group = await callers.ada.directMessage.start({ memberIds: [id("bob"), id("cy")] });
    await callers.bob.directMessage.leave({ conversationId: group.id });
    expect(await lines("ada", group.id)).toEqual(["[bob left]"]);
    expect(await codeOf(callers.bob.directMessage.get({ conversationId: group.id }))).toBe(
      "NOT_FOUND",
    );
    expect((await visibleTo("bob", "member")).conversations).not.toContain(group.id);

    await callers.ada.directMessage.leave({ conversationId: group.id });
    const left = await callers.cy.directMessage.get({ conversationId: group.id });
    expect(left.startedByMemberId).toBe(id("cy"));
    expect(left.others).toEqual([]);
    // Ada started it, but having left she no longer sees it, in the service or the database.
    expect(await codeOf(callers.ada.directMessage.get({ conversationId: group.id }))).toBe(
      "NOT_FOUND",
    );
    expect((await visibleTo("ada", "member")).conversations).not.toContain(group.id);

    await callers.cy.directMessage.leave({ conversationId: group.id });
    const all = await withTenant(fx.db, asSystem(acmeId, "test"), (scope) =>
      scope.db.select({ id: conversation.id }).from(conversation),
    );
    expect(all.map((c) => c.id)).not.toContain(group.id);
  });

  it("keeps one-to-one conversations as they are", async () => {
    const pair = await callers.ada.directMessage.start({ memberIds: [id("eve")] });
    const api = callers.ada.directMessage;
    for (const attempt of [
      api.addPeople({ conversationId: pair.id, memberIds: [id("bob")] }),
      api.removePerson({ conversationId: pair.id, memberId: id("eve") }),
      api.leave({ conversationId: pair.id }),
    ]) {
      const refusal = attempt.catch((error: unknown) => error);
      expect(await refusal).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/one-to-one conversation: start a new conversation/),
      });
    }
  });

  it("never lets anyone change or delete a system line", async () => {
    const group = await callers.ada.directMessage.start({ memberIds: [id("bob"), id("cy")] });
    await callers.ada.directMessage.addPeople({ conversationId: group.id, memberIds: [id("dan")] });
    const [line] = (await callers.ada.directMessage.history({ conversationId: group.id })).items;
    if (!line?.system) throw new Error("expected the added line");
    for (const who of ["ada", "bob"] as const) {
      const api = callers[who].directMessage;
      expect(await codeOf(api.edit({ id: line.id, body: "rewritten" }))).toBe("FORBIDDEN");
      expect(await codeOf(api.remove({ id: line.id }))).toBe("FORBIDDEN");
    }
  });

  it("refuses adding across a block either way, without saying who blocked; a shared group still talks", async () => {
    const group = await callers.ada.directMessage.start({ memberIds: [id("dan"), id("eve")] });
    await callers.eve.directMessage.block({ memberId: id("dan") });
    try {
      // Eve blocked dan: in the group they both still write.
      await callers.dan.directMessage.send({ conversationId: group.id, body: "still talking" });
      await callers.eve.directMessage.send({ conversationId: group.id, body: "me too" });

      // The blocked one adding the blocker, and the blocker adding the blocked: the same words.
      const groups: Partial<Record<Who, string>> = {};
      for (const [adder, added] of [
        ["dan", "eve"],
        ["eve", "dan"],
      ] as const) {
        const mine = await callers[adder].directMessage.start({
          memberIds: [id("ada"), id("bob")],
        });
        groups[adder] = mine.id;
        const refusal = callers[adder].directMessage
          .addPeople({ conversationId: mine.id, memberIds: [id(added)] })
          .catch((error: unknown) => error);
        expect(await refusal).toMatchObject({
          code: "FORBIDDEN",
          message: `You cannot add ${added} to this conversation: one of you has blocked the other`,
        });
      }
      const other = groups.dan ?? "";
      // Someone else adds across it: a block is between two people, not a room's rule.
      await callers.ada.directMessage.addPeople({ conversationId: other, memberIds: [id("eve")] });
      expect(await lines("dan", other)).toEqual(["[ada added eve]"]);
    } finally {
      await callers.eve.directMessage.unblock({ memberId: id("dan") });
    }
  });

  it("holds a group to its size, and makes one membership of the same add made at once", async () => {
    const group = await callers.ada.directMessage.start({ memberIds: [id("bob"), id("cy")] });
    const [first, second] = await Promise.allSettled([
      callers.ada.directMessage.addPeople({ conversationId: group.id, memberIds: [id("dan")] }),
      callers.bob.directMessage.addPeople({ conversationId: group.id, memberIds: [id("dan")] }),
    ]);
    expect([first.status, second.status]).toEqual(["fulfilled", "fulfilled"]);
    const view = await callers.dan.directMessage.get({ conversationId: group.id });
    expect(view.others.filter((p) => p.memberId === id("dan"))).toEqual([]);
    const history = await lines("cy", group.id);
    expect(history.filter((line) => line.endsWith("added dan]"))).toHaveLength(1);

    const extras = [];
    for (let i = 0; i < CONVERSATION_MAX_MEMBERS - 4; i++)
      extras.push(await fx.addMember(acmeId, "member", { name: `extra ${i}` }));
    const last = await fx.addMember(acmeId, "member", { name: "one too many" });
    expect(
      await refusalOf(
        callers.ada.directMessage.addPeople({
          conversationId: group.id,
          memberIds: [...extras, last].map((p) => p.memberId),
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["memberIds"] });
    await callers.ada.directMessage.addPeople({
      conversationId: group.id,
      memberIds: extras.map((p) => p.memberId),
    });
    expect((await callers.ada.directMessage.get({ conversationId: group.id })).others).toHaveLength(
      CONVERSATION_MAX_MEMBERS - 1,
    );
    expect(
      await refusalOf(
        callers.ada.directMessage.addPeople({
          conversationId: group.id,
          memberIds: [last.memberId],
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["memberIds"] });
  });
});
