// Chat spaces through the procedures, on a real database: the visibility matrix (public, private
// and paid chat spaces against a member of the space, a member who is not, a moderator and
// another organization) for history, posting and live events; history paging with neither
// overlap nor gap; authors' edits and deletions; typing indicators.

import { MESSAGE_BODY_MAX } from "@guild/db/enums";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type ApiFixture,
  codeOf,
  createCommunityFixture,
  followEvents,
  communityPeople as people,
  refusalOf,
  communitySees as sees,
  type CommunityWho as Who,
} from "../testing.ts";

type Community = Awaited<ReturnType<typeof createCommunityFixture>>;

let fx: ApiFixture;
let persons: Community["persons"];
let callers: Community["callers"];
let ids: Community["ids"];

const fields = { description: "", icon: "", type: "chat" as const, section: "" };

beforeAll(async () => {
  ({ fx, persons, callers, ids } = await createCommunityFixture(inject("pgAdminUrl"), {
    type: "chat",
    slugs: { public: "lobby", private: "backroom", paid: "vip" },
  }));
});
afterAll(() => fx.drop());

describe("visibility matrix", () => {
  for (const visibility of ["public", "private", "paid"] as const)
    for (const who of people) {
      const allowed = sees[visibility].includes(who);
      it(`${visibility} chat, ${who}: ${allowed ? "reads and posts" : "NOT_FOUND"}`, async () => {
        const spaceId = ids[visibility];
        const api = callers[who].chat;
        if (allowed) {
          const message = await api.post({ spaceId, body: `${who} was here` });
          expect(message.author?.memberId).toBe(persons[who].memberId);
          expect((await api.history({ spaceId })).items.map((m) => m.id)).toContain(message.id);
          await api.typing({ spaceId });
        } else {
          expect(await codeOf(api.post({ spaceId, body: `${who} was here` }))).toBe("NOT_FOUND");
          expect(await codeOf(api.history({ spaceId }))).toBe("NOT_FOUND");
          expect(await codeOf(api.typing({ spaceId }))).toBe("NOT_FOUND");
        }
      });
    }

  it("answers NOT_FOUND for another organization's message ids, in the stranger's own organization", async () => {
    const message = await callers.owner.chat.post({ spaceId: ids.public, body: "acme only" });
    expect(await codeOf(callers.stranger.chat.edit({ id: message.id, body: "x" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(callers.stranger.chat.remove({ id: message.id }))).toBe("NOT_FOUND");
    // And a plain member who cannot see the private space cannot touch its messages either.
    const hidden = await callers.owner.chat.post({ spaceId: ids.private, body: "staff only" });
    expect(await codeOf(callers.outsider.chat.remove({ id: hidden.id }))).toBe("NOT_FOUND");
    expect(await codeOf(callers.payer.chat.edit({ id: hidden.id, body: "x" }))).toBe("NOT_FOUND");
  });
});

/** A member's event stream; `nextChat()` skips to the next chat event. */
async function follow(who: Who) {
  const stream = await followEvents(persons[who], "acme");
  return {
    nextChat: (ms = 5_000) => stream.nextOf(["chat."], ms),
    close: stream.close,
  };
}

describe("live events", () => {
  it("reach only those who see the space, carrying the message's id", async () => {
    const streams = {
      insider: await follow("insider"),
      outsider: await follow("outsider"),
      payer: await follow("payer"),
    };
    try {
      const secret = await callers.owner.chat.post({ spaceId: ids.private, body: "secret" });
      const vip = await callers.owner.chat.post({ spaceId: ids.paid, body: "vip" });
      const open = await callers.owner.chat.post({ spaceId: ids.public, body: "hello all" });
      const seen = async (stream: (typeof streams)[keyof typeof streams]) => {
        const got: string[] = [];
        while (!got.includes(open.id)) {
          const event = await stream.nextChat();
          if ("target" in event) got.push(event.target.id);
        }
        return got;
      };
      expect(await seen(streams.insider)).toEqual([secret.id, open.id]);
      expect(await seen(streams.outsider)).toEqual([open.id]);
      expect(await seen(streams.payer)).toEqual([vip.id, open.id]);
    } finally {
      for (const stream of Object.values(streams)) stream.close();
    }
  });

  it("tells who is typing, at most once per interval, only to those who see the space", async () => {
    const hush = await callers.owner.space.create({
      ...fields,
      name: "Hush",
      slug: "hush",
      visibility: "private",
    });
    await callers.owner.space.addMember({ spaceId: hush.id, memberId: persons.insider.memberId });
    const chatter = await callers.owner.space.create({
      ...fields,
      name: "Chatter",
      slug: "chatter",
      visibility: "public",
    });
    const outsider = await follow("outsider");
    const insider = await follow("insider");
    try {
      expect(await callers.moderator.chat.typing({ spaceId: hush.id })).toEqual({ sent: true });
      expect(await callers.moderator.chat.typing({ spaceId: hush.id })).toEqual({ sent: false });
      await callers.insider.chat.typing({ spaceId: chatter.id });
      const heard = await insider.nextChat();
      expect(heard.kind).toBe("chat.typing");
      expect("target" in heard && heard.target.id).toBe(hush.id);
      expect("actorMemberId" in heard && heard.actorMemberId).toBe(persons.moderator.memberId);
      const other = await outsider.nextChat();
      expect("target" in other && other.target.id).toBe(chatter.id);
    } finally {
      outsider.close();
      insider.close();
    }
  });
});

describe("history", () => {
  it("pages newest first with a keyset cursor: every message once, none skipped", async () => {
    const room = await callers.owner.space.create({
      ...fields,
      name: "Paging",
      slug: "paging",
      visibility: "public",
    });
    const written: string[] = [];
    // Many in the same millisecond too: ties are ordered by id.
    for (let i = 0; i < 23; i++)
      written.push((await callers.insider.chat.post({ spaceId: room.id, body: `m${i}` })).id);
    const read: string[] = [];
    const dates: number[] = [];
    let cursor: { createdAt: Date; id: string } | null | undefined = null;
    let pages = 0;
    do {
      const page = await callers.outsider.chat.history({ spaceId: room.id, limit: 5, cursor });
      read.push(...page.items.map((m) => m.id));
      dates.push(...page.items.map((m) => m.createdAt.getTime()));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(read).size).toBe(read.length);
    expect([...read].sort()).toEqual([...written].sort());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    // Newest first: the last written is the first read.
    expect(read[0]).toBe(written.at(-1));
  });

  it("refuses a space that is not a chat, and a body that is empty or too long, on its field", async () => {
    expect(await codeOf(callers.owner.chat.history({ spaceId: ids.discussion }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      (await refusalOf(callers.owner.chat.post({ spaceId: ids.public, body: "   " })))?.fields,
    ).toContain("body");
    expect(
      (
        await refusalOf(
          callers.owner.chat.post({ spaceId: ids.public, body: "x".repeat(MESSAGE_BODY_MAX + 1) }),
        )
      )?.fields,
    ).toContain("body");
  });
});

describe("edit and delete", () => {
  it("lets the author edit and delete; others are refused; a moderator deletes anyone's", async () => {
    const mine = await callers.outsider.chat.post({ spaceId: ids.public, body: "first take" });
    const edited = await callers.outsider.chat.edit({ id: mine.id, body: "second take" });
    expect(edited.body).toBe("second take");
    expect(edited.editedAt).not.toBeNull();
    expect(await codeOf(callers.payer.chat.edit({ id: mine.id, body: "hijack" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(callers.payer.chat.remove({ id: mine.id }))).toBe("FORBIDDEN");
    expect(await callers.moderator.chat.remove({ id: mine.id })).toEqual({ id: mine.id });
    const page = await callers.payer.chat.history({ spaceId: ids.public });
    const placeholder = page.items.find((m) => m.id === mine.id);
    expect(placeholder).toMatchObject({ deleted: true, body: "" });
    expect(await codeOf(callers.outsider.chat.edit({ id: mine.id, body: "back" }))).toBe(
      "CONFLICT",
    );
  });

  it("keeps an archived space's chat read-only", async () => {
    const room = await callers.owner.space.create({
      ...fields,
      name: "Old",
      slug: "old-chat",
      visibility: "public",
    });
    await callers.owner.chat.post({ spaceId: room.id, body: "before" });
    await callers.owner.space.archive({ id: room.id, archived: true });
    expect(await codeOf(callers.moderator.chat.post({ spaceId: room.id, body: "after" }))).toBe(
      "CONFLICT",
    );
    expect((await callers.moderator.chat.history({ spaceId: room.id })).items).toHaveLength(1);
    // Members do not see archived spaces at all.
    expect(await codeOf(callers.outsider.chat.history({ spaceId: room.id }))).toBe("NOT_FOUND");
  });
});
