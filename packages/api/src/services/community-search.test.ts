// Community search through its procedures, on a real database: who finds what in public, private
// and paid spaces (a member of the space, one outside it, a payer, a moderator, another
// organization); ranking by title words; snippets marking the matched words; a common word's
// newest-first pages; hidden, deleted and draft posts and deleted comments never found.
import { comment, post, SEARCH_MAX_IDS, sql } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, codeOf, createApiFixture } from "../testing.ts";

let fx: ApiFixture;
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
type Caller = Awaited<ReturnType<Person["caller"]>>;

const people = ["owner", "moderator", "insider", "outsider", "payer", "stranger"] as const;
type Who = (typeof people)[number];
const callers = {} as Record<Who, Caller>;
const memberIds = {} as Record<string, string>;
const spaceIds = { public: "", private: "", paid: "", common: "" };
const postIds = { public: "", private: "", paid: "" };
const commentIds = { public: "", private: "", paid: "" };
let acmeId = "";

const spaceFields = { description: "", icon: "", section: "" };
const kinds = ["public", "private", "paid"] as const;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme", ["moderator"], { plan: "business" });
  const other = await fx.createOrg("other");
  acmeId = acme.org.id;
  callers.owner = await acme.owner.caller("acme");
  callers.moderator = await acme.members.moderator!.caller("acme");
  memberIds.owner = acme.owner.memberId;
  for (const who of ["insider", "outsider", "payer"] as const) {
    const person = await fx.addMember(acme.org.id, "member", { name: who });
    memberIds[who] = person.memberId;
    callers[who] = await person.caller("acme");
  }
  callers.stranger = await other.owner.caller("other");

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
  await callers.owner.memberTier.grant({ memberId: memberIds.payer!, tierId: gold.id });
  const create = (slug: string, visibility: "public" | "private" | "paid") =>
    callers.owner.space.create({
      ...spaceFields,
      name: slug,
      slug,
      type: "discussion",
      visibility,
      tierIds: visibility === "paid" ? [gold.id] : [],
    });
  for (const kind of kinds) spaceIds[kind] = (await create(`s-${kind}`, kind)).id;
  spaceIds.common = (await create("s-common", "public")).id;
  await callers.owner.space.addMember({ spaceId: spaceIds.private, memberId: memberIds.insider! });
  for (const kind of kinds) {
    postIds[kind] = (
      await callers.owner.post.create({
        title: `Quokka sightings in ${kind}`,
        body: `Notes about the ${kind} quokka colony.`,
        type: "discussion",
        tags: [],
        spaceId: spaceIds[kind],
        publish: true,
      })
    ).id;
    // Written directly: the comments' procedures are another domain's.
    const [row] = await fx.db
      .insert(comment)
      .values({
        organizationId: acmeId,
        spaceId: spaceIds[kind],
        postId: postIds[kind],
        authorMemberId: memberIds.owner,
        body: `A wombat was seen near the ${kind} burrow`,
      })
      .returning({ id: comment.id });
    commentIds[kind] = row!.id;
  }
});
afterAll(() => fx.drop());

const sees: Record<Who, (typeof kinds)[number][]> = {
  owner: ["public", "private", "paid"],
  moderator: ["public", "private", "paid"],
  insider: ["public", "private"],
  outsider: ["public"],
  payer: ["public", "paid"],
  stranger: [],
};

describe("who finds what", () => {
  it("finds posts in exactly the spaces each searcher sees", async () => {
    for (const who of people) {
      const found = await callers[who].search.posts({ q: "quokka" });
      const ids = found.items.map((hit) => hit.post.id);
      expect(ids.sort(), who).toEqual(sees[who].map((kind) => postIds[kind]).sort());
    }
  });

  it("finds comments in exactly the spaces each searcher sees", async () => {
    for (const who of people) {
      const found = await callers[who].search.comments({ q: "wombat burrow" });
      const ids = found.items.map((hit) => hit.id);
      expect(ids.sort(), who).toEqual(sees[who].map((kind) => commentIds[kind]).sort());
    }
  });

  it("never finds drafts, hidden or deleted posts, nor deleted comments, for members", async () => {
    const write = (title: string, publish: boolean) =>
      callers.owner.post.create({
        title,
        body: "",
        type: "discussion",
        tags: [],
        spaceId: spaceIds.public,
        publish,
      });
    const draft = await write("Platypus draft", false);
    const hidden = await write("Platypus hidden", true);
    const removed = await write("Platypus removed", true);
    await fx.db.update(post).set({ hiddenAt: new Date() }).where(sql`${post.id} = ${hidden.id}`);
    await callers.owner.post.remove({ id: removed.id });
    await fx.db
      .update(comment)
      .set({ deletedAt: new Date(), body: "" })
      .where(sql`${comment.id} = ${commentIds.public}`);

    const found = await callers.outsider.search.posts({ q: "platypus" });
    expect(found.items.map((hit) => hit.post.id)).toEqual([]);
    // Moderators see hidden posts (marked), as in feeds; never drafts of others or deleted ones.
    const staff = await callers.moderator.search.posts({ q: "platypus" });
    expect(staff.items.map((hit) => [hit.post.id, hit.post.hidden])).toEqual([[hidden.id, true]]);
    // Search finds published posts only: not even its author's own draft.
    const own = await callers.owner.search.posts({ q: "platypus" });
    expect(own.items.map((hit) => hit.post.id)).not.toContain(draft.id);
    const comments = await callers.owner.search.comments({ q: "wombat public" });
    expect(comments.items).toEqual([]);
  });

  it("says what is wrong with a search it cannot run", async () => {
    expect(await codeOf(callers.outsider.search.posts({ q: "   " }))).toBe("BAD_REQUEST");
    expect(await codeOf(callers.outsider.search.posts({ q: "x", cursor: "garbage" }))).toBe(
      "BAD_REQUEST",
    );
    // Only punctuation: no word to look for, nothing found (not an error).
    expect((await callers.outsider.search.posts({ q: "!!!" })).items).toEqual([]);
  });
});

describe("ranking and snippets", () => {
  it("ranks posts with the words in their title first, then the newest, and marks the words", async () => {
    const write = (title: string, body: string) =>
      callers.owner.post.create({
        title,
        body,
        type: "discussion",
        tags: [],
        spaceId: spaceIds.public,
        publish: true,
      });
    const both = await write("Echidna and numbat care", "Long notes.");
    const one = await write("Echidna feeding", "Mentions numbat in passing.");
    const body = await write("Something else", `${"filler ".repeat(80)}echidna meets numbat here`);
    const found = await callers.outsider.search.posts({ q: "echidna numbat" });
    expect(found.mode).toBe("ranked");
    expect(found.items.map((hit) => [hit.post.id, hit.rank])).toEqual([
      [both.id, 2],
      [one.id, 1],
      [body.id, 0],
    ]);
    const [first, , third] = found.items;
    const marked = (h: { text: string; marks: Array<[number, number]> } | null | undefined) =>
      h?.marks.map(([start, end]) => h.text.slice(start, end));
    expect(marked(first?.title)).toEqual(["Echidna", "numbat"]);
    // The long body's snippet is cut around its first match.
    expect(third?.snippet.text.startsWith("…")).toBe(true);
    expect(marked(third?.snippet)).toEqual(["echidna", "numbat"]);
    // Results carry no body: the snippet is what the page shows.
    expect(first?.post.body).toBe("");
  });

  it("pages ranked results without repeating or skipping one", async () => {
    for (let i = 0; i < 7; i++)
      await callers.owner.post.create({
        title: i % 2 ? `Bilby report ${i}` : `Report ${i}`,
        body: "bilby",
        type: "discussion",
        tags: [],
        spaceId: spaceIds.public,
        publish: true,
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Caller["search"]["posts"]>> =
        await callers.outsider.search.posts({ q: "bilby", limit: 3, cursor });
      seen.push(...page.items.map((hit) => `${hit.rank}:${hit.post.id}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(0, 3).every((entry) => entry.startsWith("1:"))).toBe(true);
    expect(seen.slice(3).every((entry) => entry.startsWith("0:"))).toBe(true);
  });
});

describe("a common word", () => {
  it("pages newest first through more matches than can be ranked, within the member's spaces", async () => {
    const total = SEARCH_MAX_IDS + 50;
    const start = Date.parse("2026-01-01T00:00:00Z");
    await fx.db.insert(post).values(
      Array.from({ length: total }, (_, i) => ({
        organizationId: acmeId,
        spaceId: spaceIds.common,
        authorMemberId: memberIds.owner,
        title: `Common kangaroo ${i}`,
        body: "",
        status: "published" as const,
        publishedAt: new Date(start + i * 60_000),
      })),
    );
    // One in a space the searcher cannot see: walked past, never shown.
    const hidden = await callers.owner.post.create({
      title: "Private kangaroo",
      body: "",
      type: "discussion",
      tags: [],
      spaceId: spaceIds.private,
      publish: true,
    });
    const first = await callers.outsider.search.posts({ q: "kangaroo", limit: 50 });
    expect(first.mode).toBe("recent");
    expect(first.items[0]?.post.title).toBe(`Common kangaroo ${total - 1}`);
    let cursor = first.nextCursor;
    const seen = new Set(first.items.map((hit) => hit.post.id));
    for (let pageNo = 0; pageNo < 3 && cursor; pageNo++) {
      const page = await callers.outsider.search.posts({ q: "kangaroo", limit: 50, cursor });
      expect(page.mode).toBe("recent");
      for (const hit of page.items) {
        expect(seen.has(hit.post.id)).toBe(false);
        seen.add(hit.post.id);
      }
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(200);
    expect(seen.has(hidden.id)).toBe(false);
    // The insider sees the private space: its newest kangaroo comes first.
    const insider = await callers.insider.search.posts({ q: "kangaroo", limit: 1 });
    expect(insider.items.map((hit) => hit.post.id)).toEqual([hidden.id]);
  });
});
