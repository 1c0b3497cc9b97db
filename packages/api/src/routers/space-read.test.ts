// Unread marks (services/space-read.ts) through the procedures: a space shows what others
// published since the member last opened it, opening it clears that, a muted space shows
// nothing, a space the member cannot see is never counted (nor marked: NOT_FOUND), another
// organization's spaces never appear, and only the member hears of their own mark. Also what
// each tier opens (space.tierOpenings): named to members, nothing more.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { StreamEvent } from "../realtime/stream.ts";
import { UNREAD_CAP } from "../services/space-read.ts";
import { type ApiFixture, codeOf, createApiFixture } from "../testing.ts";

let fx: ApiFixture;
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
type Caller = Awaited<ReturnType<Person["caller"]>>;

const who = ["owner", "reader", "writer", "outsider", "stranger"] as const;
type Who = (typeof who)[number];
const callers = {} as Record<Who, Caller>;
const persons = {} as Record<Exclude<Who, "stranger" | "owner">, Person>;
const ids = { lounge: "", board: "", chat: "", vault: "", otherLounge: "" };
let goldId = "";

const fields = { description: "", icon: "", section: "" };
/** Marks are instants to the millisecond: a step waits one out so "after" means after. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 3));

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme", [], { plan: "business" });
  const other = await fx.createOrg("other");
  callers.owner = await acme.owner.caller("acme");
  callers.stranger = await other.owner.caller("other");
  for (const name of ["reader", "writer", "outsider"] as const) {
    persons[name] = await fx.addMember(acme.org.id, "member", { name });
    callers[name] = await persons[name].caller("acme");
  }
  const gold = await callers.owner.memberTier.create({
    name: "Gold",
    description: "",
    currency: "usd",
    monthlyPrice: null,
    yearlyPrice: null,
    lifetimePrice: null,
    trialDays: 0,
    sortOrder: 0,
  });
  goldId = gold.id;
  const create = (
    name: string,
    slug: string,
    type: "discussion" | "chat",
    visibility: "public" | "private" | "paid",
    tierIds: string[] = [],
  ) => callers.owner.space.create({ ...fields, name, slug, type, visibility, tierIds });
  ids.lounge = (await create("Lounge", "lounge", "discussion", "public")).id;
  ids.board = (await create("Board room", "board", "discussion", "private")).id;
  ids.chat = (await create("Chatter", "chatter", "chat", "public")).id;
  ids.vault = (await create("Vault", "vault", "discussion", "paid", [gold.id])).id;
  // The reader and the writer are in the private space; the outsider is not.
  for (const member of ["reader", "writer"] as const)
    await callers.owner.space.addMember({ spaceId: ids.board, memberId: persons[member].memberId });
  ids.otherLounge = (
    await callers.stranger.space.create({
      ...fields,
      name: "Elsewhere",
      slug: "elsewhere",
      type: "discussion",
      visibility: "public",
      tierIds: [],
    })
  ).id;
  await tick();
});
afterAll(() => fx.drop());

const write = (spaceId: string, title: string, as: Who = "writer") =>
  callers[as].post.create({
    spaceId,
    title,
    body: "",
    type: "discussion",
    tags: [],
    publish: true,
  });

async function unreadOf(as: Who): Promise<Record<string, number>> {
  const rows = await callers[as].space.unread();
  return Object.fromEntries(rows.map((row) => [row.spaceId, row.unread]));
}

describe("unread marks", () => {
  it("counts others' posts and messages since the mark, and opening the space clears it", async () => {
    expect(await unreadOf("reader")).toMatchObject({ [ids.lounge]: 0, [ids.chat]: 0 });
    await write(ids.lounge, "First");
    await write(ids.lounge, "Second");
    await callers.writer.chat.post({ spaceId: ids.chat, body: "hello" });
    // A draft is no news.
    await callers.writer.post.create({
      spaceId: ids.lounge,
      title: "Draft",
      body: "",
      type: "discussion",
      tags: [],
      publish: false,
    });
    expect(await unreadOf("reader")).toMatchObject({ [ids.lounge]: 2, [ids.chat]: 1 });
    // The writer's own posts are not unread to them.
    expect(await unreadOf("writer")).toMatchObject({ [ids.lounge]: 0, [ids.chat]: 0 });

    const before = (await callers.reader.space.unread()).find((r) => r.spaceId === ids.lounge);
    const opened = await callers.reader.space.markRead({ spaceId: ids.lounge });
    // It answers the mark it replaced: the page can still show the two posts as new.
    expect(opened.previousReadAt).toEqual(before?.readAt);
    expect(await unreadOf("reader")).toMatchObject({ [ids.lounge]: 0, [ids.chat]: 1 });
    await callers.reader.space.markRead({ spaceId: ids.chat });
    expect(await unreadOf("reader")).toMatchObject({ [ids.chat]: 0 });

    await tick();
    await write(ids.lounge, "Third");
    expect(await unreadOf("reader")).toMatchObject({ [ids.lounge]: 1 });
    const again = await callers.reader.space.markRead({ spaceId: ids.lounge });
    expect(again.previousReadAt.getTime()).toBeGreaterThanOrEqual(opened.previousReadAt.getTime());
    expect(await unreadOf("reader")).toMatchObject({ [ids.lounge]: 0 });
  });

  it("leaves out deleted and hidden posts", async () => {
    await callers.reader.space.markRead({ spaceId: ids.lounge });
    await tick();
    const gone = await write(ids.lounge, "Soon gone");
    const hidden = await write(ids.lounge, "Soon hidden");
    expect(await unreadOf("reader")).toMatchObject({ [ids.lounge]: 2 });
    await callers.writer.post.remove({ id: gone.id });
    await callers.owner.moderation.setPostHidden({ id: hidden.id, hidden: true });
    expect(await unreadOf("reader")).toMatchObject({ [ids.lounge]: 0 });
  });

  it("stops counting at the cap (the sidebar says 9+)", async () => {
    await callers.reader.space.markRead({ spaceId: ids.chat });
    await tick();
    for (let i = 0; i < UNREAD_CAP + 2; i++)
      await callers.writer.chat.post({ spaceId: ids.chat, body: `message ${i}` });
    expect(await unreadOf("reader")).toMatchObject({ [ids.chat]: UNREAD_CAP });
    await callers.reader.space.markRead({ spaceId: ids.chat });
  });

  it("shows no unread mark for a muted space, and counts again once unmuted", async () => {
    await callers.reader.space.join({ spaceId: ids.lounge });
    await callers.reader.space.markRead({ spaceId: ids.lounge });
    await callers.reader.space.mute({ spaceId: ids.lounge, muted: true });
    await tick();
    await write(ids.lounge, "While muted");
    expect(await unreadOf("reader")).toMatchObject({ [ids.lounge]: 0 });
    await callers.reader.space.mute({ spaceId: ids.lounge, muted: false });
    expect(await unreadOf("reader")).toMatchObject({ [ids.lounge]: 1 });
  });

  it("never counts or marks a space the member cannot see", async () => {
    await write(ids.board, "Board secret");
    await write(ids.vault, "Vault secret", "owner");
    expect(Object.keys(await unreadOf("outsider")).sort()).toEqual([ids.lounge, ids.chat].sort());
    expect(await unreadOf("reader")).toMatchObject({ [ids.board]: 1 });
    expect(Object.keys(await unreadOf("reader"))).not.toContain(ids.vault);
    // Marking a hidden space answers as for an id that exists nowhere, and writes nothing.
    expect(await codeOf(callers.outsider.space.markRead({ spaceId: ids.board }))).toBe("NOT_FOUND");
    expect(await codeOf(callers.reader.space.markRead({ spaceId: ids.vault }))).toBe("NOT_FOUND");
    const marks = await fx.sql<{ n: number }[]>`
      select count(*)::int as n from space_read
      where (member_id = ${persons.outsider.memberId} and space_id = ${ids.board})
         or (member_id = ${persons.reader.memberId} and space_id = ${ids.vault})`;
    expect(marks[0]?.n).toBe(0);
    // Taken out of the private space, its posts stop counting at once.
    await callers.owner.space.removeMember({
      spaceId: ids.board,
      memberId: persons.reader.memberId,
    });
    expect(Object.keys(await unreadOf("reader"))).not.toContain(ids.board);
  });

  it("keeps organizations apart: another's spaces never appear, and cannot be marked", async () => {
    const mine = (await callers.stranger.space.unread()).map((row) => row.spaceId);
    expect(mine).toEqual([ids.otherLounge]);
    expect(Object.keys(await unreadOf("reader"))).not.toContain(ids.otherLounge);
    expect(await codeOf(callers.reader.space.markRead({ spaceId: ids.otherLounge }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(callers.stranger.space.markRead({ spaceId: ids.lounge }))).toBe(
      "NOT_FOUND",
    );
  });

  it("keeps each member's marks their own, even for the database", async () => {
    const rows = await fx.sql<{ member_id: string }[]>`
      select member_id from space_read where space_id = ${ids.lounge}`;
    expect(rows.map((r) => r.member_id)).toContain(persons.reader.memberId);
    // Through each member's own tenant transaction: their marks, and no one else's.
    const marksSeenBy = async (memberId: string) => {
      const [row] = await fx.sql.begin(async (tx) => {
        await tx`select set_config('role', 'guild_tenant', true),
          set_config('app.organization_id', (select organization_id::text from member where id = ${memberId}), true),
          set_config('app.member_id', ${memberId}, true),
          set_config('app.actor', 'member', true)`;
        return tx<{ n: number; others: number }[]>`
          select count(*)::int as n, count(*) filter (where member_id <> ${memberId})::int as others
          from space_read`;
      });
      return row;
    };
    expect((await marksSeenBy(persons.reader.memberId))?.n).toBeGreaterThan(0);
    expect((await marksSeenBy(persons.reader.memberId))?.others).toBe(0);
    expect((await marksSeenBy(persons.writer.memberId))?.n).toBe(0);
  });
});

describe("live", () => {
  it("tells only the member that they read a space (their other tabs clear the mark)", async () => {
    const follow = async (as: Person) => {
      const abort = new AbortController();
      const api = await as.caller("acme", abort.signal);
      const iterator = (await api.realtime.events({}))[Symbol.asyncIterator]();
      const next = async (): Promise<StreamEvent> => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("no event within 5 s")), 5_000);
        });
        try {
          const result = await Promise.race([iterator.next(), timeout]);
          if (result.done) throw new Error("the stream ended");
          const [, data] = result.value as unknown as [string, StreamEvent];
          return data;
        } finally {
          clearTimeout(timer);
        }
      };
      expect((await next()).kind).toBe("ready");
      return { next, close: () => abort.abort() };
    };
    const reader = await follow(persons.reader);
    const writer = await follow(persons.writer);
    try {
      await callers.reader.space.markRead({ spaceId: ids.chat });
      await callers.writer.chat.post({ spaceId: ids.chat, body: "after the mark" });
      expect(await reader.next()).toMatchObject({
        kind: "space.read",
        target: { type: "space", id: ids.chat },
      });
      // The writer's first event is their own message's, not the reader's mark.
      expect((await writer.next()).kind).toBe("chat.message.posted");
    } finally {
      reader.close();
      writer.close();
    }
  });
});

describe("live order", () => {
  it("tells every member's open sidebar that the order changed, naming only the organization", async () => {
    const abort = new AbortController();
    const api = await persons.outsider.caller("acme", abort.signal);
    const iterator = (await api.realtime.events({}))[Symbol.asyncIterator]();
    const next = async (): Promise<StreamEvent> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("no event within 5 s")), 5_000);
      });
      try {
        const result = await Promise.race([iterator.next(), timeout]);
        if (result.done) throw new Error("the stream ended");
        const [, data] = result.value as unknown as [string, StreamEvent];
        return data;
      } finally {
        clearTimeout(timer);
      }
    };
    try {
      expect((await next()).kind).toBe("ready");
      await callers.owner.space.reorder({
        sections: [{ name: "", spaceIds: [ids.chat, ids.lounge, ids.board] }],
      });
      const heard = await next();
      expect(heard).toMatchObject({ kind: "space.reordered", target: { type: "organization" } });
      // The private space it moved is not named to the outsider.
      expect(JSON.stringify(heard)).not.toContain(ids.board);
    } finally {
      abort.abort();
    }
  });
});

describe("what each tier opens", () => {
  it("names a paid space's tier to every member, and nothing of the space beyond its name", async () => {
    const openings = await callers.outsider.space.tierOpenings();
    expect(openings).toEqual([{ tierId: goldId, spaces: [{ name: "Vault", icon: "" }] }]);
    // The vault itself stays hidden from them.
    expect(await codeOf(callers.outsider.space.get({ slug: "vault" }))).toBe("NOT_FOUND");
    expect(JSON.stringify(openings)).not.toContain(ids.vault);
    // Another organization's members learn nothing of acme's tiers.
    expect(await callers.stranger.space.tierOpenings()).toEqual([]);
  });

  it("leaves out archived spaces and spaces that are no longer paid", async () => {
    await callers.owner.space.archive({ id: ids.vault, archived: true });
    expect(await callers.reader.space.tierOpenings()).toEqual([]);
    await callers.owner.space.archive({ id: ids.vault, archived: false });
    expect(await callers.reader.space.tierOpenings()).toHaveLength(1);
    await callers.owner.space.update({
      ...fields,
      id: ids.vault,
      name: "Vault",
      slug: "vault",
      type: "discussion",
      visibility: "private",
    });
    expect(await callers.reader.space.tierOpenings()).toEqual([]);
  });
});
