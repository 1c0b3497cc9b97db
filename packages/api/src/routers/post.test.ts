// Posts and feeds through the procedures, on a real database: the visibility matrix (public,
// private and paid spaces against a member of the space, a member outside it, a moderator and
// another organization) for feeds, get and live events; keyset pages that neither repeat nor
// skip a post while others are published; pinned posts first; drafts, edits, deletes and
// views; and the composer's rules said next to their fields.
import { and, eq, post, sql } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { StreamEvent } from "../realtime/stream.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
type Caller = Awaited<ReturnType<Person["caller"]>>;

const people = ["owner", "moderator", "insider", "outsider", "payer", "stranger"] as const;
type Who = (typeof people)[number];
const persons = {} as Record<Who, Pick<Person, "caller">>;
const callers = {} as Record<Who, Caller>;
const memberIds = {} as Record<Exclude<Who, "stranger">, string>;
const spaceIds = { public: "", private: "", paid: "", chat: "", paging: "" };
const postIds = { public: "", private: "", paid: "" };
let acmeId = "";

const spaceFields = { description: "", icon: "", section: "" };
const postFields = { body: "Hello there", type: "discussion" as const, tags: [] };

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme", ["moderator"], { plan: "business" });
  const other = await fx.createOrg("other");
  acmeId = acme.org.id;
  persons.owner = acme.owner;
  persons.moderator = acme.members.moderator!;
  memberIds.owner = acme.owner.memberId;
  memberIds.moderator = acme.members.moderator!.memberId;
  for (const who of ["insider", "outsider", "payer"] as const) {
    const person = await fx.addMember(acme.org.id, "member", { name: who });
    persons[who] = person;
    memberIds[who] = person.memberId;
  }
  persons.stranger = other.owner;
  for (const who of people)
    callers[who] = await persons[who].caller(who === "stranger" ? "other" : "acme");

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
  await callers.owner.memberTier.grant({ memberId: memberIds.payer, tierId: gold.id });
  const create = (
    slug: string,
    visibility: "public" | "private" | "paid",
    type: "discussion" | "chat" = "discussion",
  ) =>
    callers.owner.space.create({
      ...spaceFields,
      name: slug,
      slug,
      type,
      visibility,
      tierIds: visibility === "paid" ? [gold.id] : [],
    });
  spaceIds.public = (await create("public", "public")).id;
  spaceIds.private = (await create("private", "private")).id;
  spaceIds.paid = (await create("paid", "paid")).id;
  spaceIds.chat = (await create("chat", "public", "chat")).id;
  spaceIds.paging = (await create("paging", "public")).id;
  await callers.owner.space.addMember({ spaceId: spaceIds.private, memberId: memberIds.insider });
  for (const kind of ["public", "private", "paid"] as const)
    postIds[kind] = (
      await callers.owner.post.create({
        ...postFields,
        title: `In ${kind}`,
        spaceId: spaceIds[kind],
        publish: true,
      })
    ).id;
});
afterAll(() => fx.drop());

const sees: Record<Who, ("public" | "private" | "paid")[]> = {
  owner: ["public", "private", "paid"],
  moderator: ["public", "private", "paid"],
  insider: ["public", "private"],
  outsider: ["public"],
  payer: ["public", "paid"],
  stranger: [],
};

describe("the visibility matrix", () => {
  it("answers a space's feed, or NOT_FOUND exactly when the space is not theirs to see", async () => {
    for (const who of people)
      for (const kind of ["public", "private", "paid"] as const) {
        const answer = callers[who].post.feed({ spaceId: spaceIds[kind] });
        if (sees[who].includes(kind)) {
          const feed = await answer;
          expect(
            feed.items.map((p) => p.id),
            `${who} → ${kind}`,
          ).toContain(postIds[kind]);
        } else expect(await codeOf(answer), `${who} → ${kind}`).toBe("NOT_FOUND");
      }
  });

  it("answers get with the post, or the same NOT_FOUND as an id that exists nowhere", async () => {
    for (const who of people)
      for (const kind of ["public", "private", "paid"] as const) {
        const code = await codeOf(callers[who].post.get({ id: postIds[kind] }));
        expect(code, `${who} → ${kind}`).toBe(sees[who].includes(kind) ? "OK" : "NOT_FOUND");
      }
    const missing = await refusalOf(
      callers.outsider.post.get({ id: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(await refusalOf(callers.outsider.post.get({ id: postIds.private }))).toEqual(missing);
    // Naming acme without being its member is refused by the ladder.
    expect(
      await codeOf((await persons.stranger.caller("acme")).post.get({ id: postIds.public })),
    ).toBe("NOT_FOUND");
  });

  it("fills each home feed with the posts of exactly the spaces its reader sees", async () => {
    for (const who of people) {
      const home = await callers[who].post.home({ limit: 50 });
      const ids = home.items.map((p) => p.id);
      for (const kind of ["public", "private", "paid"] as const)
        expect(ids.includes(postIds[kind]), `${who} home ∋ ${kind}`).toBe(sees[who].includes(kind));
    }
  });

  it("lets members write only where they see a discussion space", async () => {
    const write = (who: Who, spaceId: string) =>
      callers[who].post.create({ ...postFields, title: "Mine", spaceId, publish: false });
    expect(await codeOf(write("outsider", spaceIds.private))).toBe("NOT_FOUND");
    expect(await codeOf(write("outsider", spaceIds.paid))).toBe("NOT_FOUND");
    expect(await codeOf(write("payer", spaceIds.paid))).toBe("OK");
    expect(await codeOf(write("insider", spaceIds.private))).toBe("OK");
    expect(await refusalOf(write("outsider", spaceIds.chat))).toEqual({
      code: "BAD_REQUEST",
      fields: ["spaceId"],
    });
    expect(await codeOf(write("stranger", spaceIds.public))).toBe("NOT_FOUND");
  });

  it("tells a post's live events only to those who can read it", async () => {
    const abort = new AbortController();
    const api = await persons.outsider.caller("acme", abort.signal);
    const iterator = (await api.realtime.events({}))[Symbol.asyncIterator]();
    const next = async () => {
      const result = await Promise.race([
        iterator.next(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no event")), 5_000)),
      ]);
      if (result.done) throw new Error("the stream ended");
      const [, data] = result.value as unknown as [string, StreamEvent];
      return data;
    };
    try {
      expect(await next()).toEqual({ kind: "ready" });
      const hidden = await callers.owner.post.create({
        ...postFields,
        title: "Board only",
        spaceId: spaceIds.private,
        publish: true,
      });
      const draft = await callers.owner.post.create({
        ...postFields,
        title: "Not yet",
        spaceId: spaceIds.public,
        publish: false,
      });
      const open = await callers.owner.post.create({
        ...postFields,
        title: "For all",
        spaceId: spaceIds.public,
        publish: true,
      });
      await callers.owner.post.update({
        ...postFields,
        title: "Board only, edited",
        id: hidden.id,
      });
      await callers.owner.post.update({ ...postFields, title: "Now", id: draft.id, publish: true });
      // The private space's post and the still-draft are skipped: the first events the outsider
      // hears are the public post's, then the draft's publication (as new).
      expect(await next()).toMatchObject({ kind: "post.created", target: { id: open.id } });
      expect(await next()).toMatchObject({ kind: "post.created", target: { id: draft.id } });
    } finally {
      abort.abort();
    }
  });
});

describe("keyset feeds", () => {
  /** Publishes n posts in the paging space, a millisecond apart (distinct times). */
  async function publishMany(n: number, prefix: string) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const created = await callers.outsider.post.create({
        ...postFields,
        title: `${prefix} ${i}`,
        spaceId: spaceIds.paging,
        publish: true,
      });
      ids.push(created.id);
    }
    return ids;
  }

  it("pages newest first without repeating or skipping a post while new ones are published", async () => {
    const before = await publishMany(23, "Before");
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<Caller["post"]["feed"]>> = await callers.insider.post.feed({
        spaceId: spaceIds.paging,
        limit: 5,
        cursor,
      });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
      // Posts published mid-way land above the first page: the walk never sees them.
      if (pages++ === 1) await publishMany(3, "During");
    } while (cursor);
    expect(seen).toEqual([...before].reverse());
    expect(pages).toBe(5);
  });

  it("pages top and active by their own keys, ties broken by id, each post once", async () => {
    const ids = await publishMany(12, "Ranked");
    // Scores with ties, and activity times with ties, written as votes and comments would.
    await fx.db.execute(sql`
      update post set score = (('x' || substr(id::text, 1, 2))::bit(8)::int % 4),
        last_activity_at = timestamptz '2026-01-01' + ((('x' || substr(id::text, 3, 2))::bit(8)::int % 3) * interval '1 hour')
      where organization_id = ${acmeId} and space_id = ${spaceIds.paging}`);
    const rows = await fx.db
      .select({ id: post.id, score: post.score, lastActivityAt: post.lastActivityAt })
      .from(post)
      .where(and(eq(post.organizationId, acmeId), eq(post.spaceId, spaceIds.paging)));
    expect(rows.length).toBeGreaterThanOrEqual(ids.length);
    const byDesc = <T>(key: (r: (typeof rows)[number]) => T) =>
      [...rows]
        .sort((a, b) => {
          const ka = key(a);
          const kb = key(b);
          if (ka !== kb) return ka < kb ? 1 : -1;
          return a.id < b.id ? 1 : -1;
        })
        .map((r) => r.id);
    const walk = async (sort: "top" | "active") => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Caller["post"]["feed"]>> = await callers.outsider.post.feed({
          spaceId: spaceIds.paging,
          sort,
          limit: 4,
          cursor,
        });
        out.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    };
    expect(await walk("top")).toEqual(byDesc((r) => r.score));
    expect(await walk("active")).toEqual(byDesc((r) => r.lastActivityAt.getTime()));
  });

  it("refuses a cursor of another sort, or a forged one, as BAD_REQUEST on the cursor", async () => {
    const first = await callers.outsider.post.feed({ spaceId: spaceIds.paging, limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    expect(
      await refusalOf(
        callers.outsider.post.feed({
          spaceId: spaceIds.paging,
          sort: "top",
          cursor: first.nextCursor,
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["cursor"] });
    expect(
      await refusalOf(
        callers.outsider.post.feed({ spaceId: spaceIds.paging, cursor: "not-a-cursor" }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["cursor"] });
  });

  it("shows pinned posts first on a space's first page, and only there", async () => {
    const pinned = await callers.owner.post.create({
      ...postFields,
      title: "Read me first",
      spaceId: spaceIds.paging,
      publish: true,
    });
    await fx.db
      .update(post)
      .set({ pinnedAt: new Date() })
      .where(and(eq(post.organizationId, acmeId), eq(post.id, pinned.id)));
    const first = await callers.outsider.post.feed({ spaceId: spaceIds.paging, limit: 5 });
    expect(first.pinned.map((p) => p.id)).toEqual([pinned.id]);
    expect(first.pinned[0]?.pinned).toBe(true);
    expect(first.items.map((p) => p.id)).not.toContain(pinned.id);
    const second = await callers.outsider.post.feed({
      spaceId: spaceIds.paging,
      limit: 5,
      cursor: first.nextCursor,
    });
    expect(second.pinned).toEqual([]);
    expect(second.items.map((p) => p.id)).not.toContain(pinned.id);
  });

  it("walks the feed index backwards with the cursor as an index condition (no OFFSET, no sort)", async () => {
    // The home feed's keyset walk (its index, order and cursor), as a member's tenant transaction runs it.
    const plan = await fx.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'guild_tenant', true),
        set_config('app.organization_id', ${acmeId}, true),
        set_config('app.member_id', ${memberIds.outsider}, true)`);
      const rows = await tx.execute<{ "QUERY PLAN": string }>(sql`explain
        select id from post
        where organization_id = ${acmeId}::uuid and published_at is not null and deleted_at is null
          and hidden_at is null
          and (published_at, id) < (now(), '00000000-0000-4000-8000-000000000000'::uuid)
        order by published_at desc, id desc limit 21`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toMatch(/Index Scan Backward using post_org_published_idx/);
    expect(plan).toMatch(/Index Cond: .*ROW\(published_at, id\) </);
    expect(plan).not.toMatch(/Sort/);
  });
});

describe("writing", () => {
  it("keeps a draft to its author until published, then announces it in the feed", async () => {
    const draft = await callers.insider.post.create({
      ...postFields,
      title: "Work in progress",
      spaceId: spaceIds.public,
      publish: false,
    });
    expect(draft).toMatchObject({ status: "draft", publishedAt: null, isMine: true });
    expect((await callers.insider.post.drafts({})).items.map((p) => p.id)).toContain(draft.id);
    expect((await callers.outsider.post.drafts({})).items.map((p) => p.id)).not.toContain(draft.id);
    expect(await codeOf(callers.outsider.post.get({ id: draft.id }))).toBe("NOT_FOUND");
    expect(await codeOf(callers.moderator.post.get({ id: draft.id }))).toBe("NOT_FOUND");
    const feedIds = async () =>
      (await callers.outsider.post.feed({ spaceId: spaceIds.public, limit: 50 })).items.map(
        (p) => p.id,
      );
    expect(await feedIds()).not.toContain(draft.id);
    const published = await callers.insider.post.update({
      ...postFields,
      title: "Done",
      id: draft.id,
      publish: true,
    });
    expect(published).toMatchObject({ status: "published", editedAt: null });
    expect(await feedIds()).toContain(draft.id);
    expect((await callers.insider.post.drafts({})).items.map((p) => p.id)).not.toContain(draft.id);
  });

  it("marks an edit of a published post, by its author only", async () => {
    const mine = await callers.insider.post.create({
      ...postFields,
      title: "Original",
      spaceId: spaceIds.public,
      publish: true,
    });
    expect(mine.editedAt).toBeNull();
    const edited = await callers.insider.post.update({
      ...postFields,
      title: "Better",
      tags: ["News", "#release notes", "news"],
      id: mine.id,
    });
    expect(edited).toMatchObject({ title: "Better", tags: ["news", "release-notes"] });
    expect(edited.editedAt).toBeInstanceOf(Date);
    // Someone who sees the post is told why; the moderator too (moderation is another path).
    for (const who of ["outsider", "moderator", "owner"] as const)
      expect(
        await codeOf(callers[who].post.update({ ...postFields, title: "Mine now", id: mine.id })),
        who,
      ).toBe("FORBIDDEN");
    expect(
      await codeOf(callers.stranger.post.update({ ...postFields, title: "x", id: mine.id })),
    ).toBe("NOT_FOUND");
    expect((await callers.outsider.post.get({ id: mine.id })).title).toBe("Better");
  });

  it("deletes one's own post: gone from its page and the feeds", async () => {
    const mine = await callers.payer.post.create({
      ...postFields,
      title: "Short-lived",
      spaceId: spaceIds.paid,
      publish: true,
    });
    expect(await codeOf(callers.owner.post.remove({ id: mine.id }))).toBe("FORBIDDEN");
    expect(await codeOf(callers.outsider.post.remove({ id: mine.id }))).toBe("NOT_FOUND");
    expect(await callers.payer.post.remove({ id: mine.id })).toEqual({ id: mine.id });
    expect(await codeOf(callers.payer.post.get({ id: mine.id }))).toBe("NOT_FOUND");
    expect(await codeOf(callers.payer.post.remove({ id: mine.id }))).toBe("NOT_FOUND");
    const home = await callers.payer.post.home({ limit: 50 });
    expect(home.items.map((p) => p.id)).not.toContain(mine.id);
  });

  it("keeps a post a moderator hid from members' feeds and page, not from staff or its author", async () => {
    const mine = await callers.outsider.post.create({
      ...postFields,
      title: "Hide me",
      spaceId: spaceIds.public,
      publish: true,
    });
    await fx.db
      .update(post)
      .set({ hiddenAt: new Date() })
      .where(and(eq(post.organizationId, acmeId), eq(post.id, mine.id)));
    const inFeed = async (who: Who) =>
      (await callers[who].post.feed({ spaceId: spaceIds.public, limit: 50 })).items.some(
        (p) => p.id === mine.id,
      );
    expect(await inFeed("insider")).toBe(false);
    expect(await codeOf(callers.insider.post.get({ id: mine.id }))).toBe("NOT_FOUND");
    expect(await inFeed("moderator")).toBe(true);
    expect((await callers.moderator.post.get({ id: mine.id })).hidden).toBe(true);
    expect((await callers.outsider.post.get({ id: mine.id })).hidden).toBe(true);
  });

  it("counts a view for each opening by someone else, none for the author's own or a read", async () => {
    const mine = await callers.outsider.post.create({
      ...postFields,
      title: "Look",
      spaceId: spaceIds.public,
      publish: true,
    });
    expect(await callers.outsider.post.view({ id: mine.id })).toEqual({ counted: false });
    expect(await callers.insider.post.view({ id: mine.id })).toEqual({ counted: true });
    expect(await callers.payer.post.view({ id: mine.id })).toEqual({ counted: true });
    // Reading the page again (its live refetches) counts nothing.
    await callers.payer.post.get({ id: mine.id });
    const read = await callers.payer.post.get({ id: mine.id });
    expect(read.viewCount).toBe(2);
    expect(read.updatedAt).toEqual(mine.updatedAt);
  });

  it("says the composer's rules next to their fields", async () => {
    const write = (fields: Partial<Parameters<Caller["post"]["create"]>[0]>) =>
      refusalOf(
        callers.outsider.post.create({
          ...postFields,
          title: null,
          spaceId: spaceIds.public,
          publish: true,
          ...fields,
        }),
      );
    // A short update (no title) is at most 500 characters; with a title, far more.
    expect(await write({ body: "x".repeat(501) })).toEqual({
      code: "BAD_REQUEST",
      fields: ["body"],
    });
    expect(await write({ title: "", body: "   " })).toEqual({
      code: "BAD_REQUEST",
      fields: ["body"],
    });
    expect(await write({ title: "Long", body: "x".repeat(5000) })).toBeNull();
    expect(await write({ body: "x".repeat(500) })).toBeNull();
    expect(await write({ tags: ["a", "b", "c", "d", "e", "f"] })).toEqual({
      code: "BAD_REQUEST",
      fields: ["tags"],
    });
    expect(await write({ tags: ["no_underscores"] })).toEqual({
      code: "BAD_REQUEST",
      fields: ["tags"],
    });
    expect(await write({ title: "x".repeat(201) })).toEqual({
      code: "BAD_REQUEST",
      fields: ["title"],
    });
  });
});
