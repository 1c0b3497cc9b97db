// Comments, reactions and votes through the procedures, on real PostgreSQL: threading and its
// depth limit, "load more replies", the deleted placeholder, the locked post, the visibility
// matrix (public, private and paid spaces against a member of each kind, a moderator and another
// organization), live events and notifications that follow the same rule, and concurrent
// toggles and votes whose counters end equal to the rows.
import {
  and,
  asSystem,
  comment,
  eq,
  type MemberActor,
  post,
  reaction,
  sql,
  vote,
  withTenant,
} from "@guild/db";
import { COMMENT_DEPTH_MAX } from "@guild/db/enums";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { commentEvents } from "../realtime/comment.ts";
import { eventsAfter } from "../realtime/event-log.ts";
import { REPLY_PREVIEW } from "../services/comment.ts";
import { setVote, toggleReaction } from "../services/reaction.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
type Caller = Awaited<ReturnType<Person["caller"]>>;

const people = ["owner", "moderator", "insider", "outsider", "payer", "stranger"] as const;
type Who = (typeof people)[number];
const callers = {} as Record<Who, Caller>;
const memberIds = {} as Record<Exclude<Who, "stranger">, string>;
const usernames = {} as Record<Exclude<Who, "stranger">, string>;
const spaces = { public: "", private: "", paid: "" };
const posts = { public: "", private: "", paid: "" };
let orgId = "";

const fields = { description: "", icon: "", type: "discussion" as const, section: "" };

/** A published post (the posts domain's row, written as its procedure would). */
async function writePost(spaceId: string, authorMemberId: string, title: string) {
  const [row] = await fx.db
    .insert(post)
    .values({
      organizationId: orgId,
      spaceId,
      authorMemberId,
      title,
      body: `${title}, the body`,
      status: "published",
      publishedAt: new Date(),
    })
    .returning({ id: post.id });
  if (!row) throw new Error("post not written");
  return row.id;
}

/** A member as a tenant scope's actor, for calling services straight (no request). */
async function actorOf(who: Exclude<Who, "stranger">): Promise<MemberActor> {
  const row = await fx.db.query.member.findFirst({
    where: (m, { eq: is }) => is(m.id, memberIds[who]),
  });
  if (!row) throw new Error("no such member");
  return {
    kind: "member",
    memberId: row.id,
    userId: row.userId,
    role: row.role,
    crmAccess: row.crmAccess,
  };
}

async function postRow(id: string) {
  const [row] = await fx.db.select().from(post).where(eq(post.id, id));
  if (!row) throw new Error("no such post");
  return row;
}

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme", ["moderator"]);
  const other = await fx.createOrg("other");
  orgId = acme.org.id;
  callers.owner = await acme.owner.caller("acme");
  callers.moderator = await acme.members.moderator!.caller("acme");
  memberIds.owner = acme.owner.memberId;
  memberIds.moderator = acme.members.moderator!.memberId;
  for (const who of ["insider", "outsider", "payer"] as const) {
    const person = await fx.addMember(acme.org.id, "member", { name: who });
    callers[who] = await person.caller("acme");
    memberIds[who] = person.memberId;
  }
  callers.stranger = await other.owner.caller("other");
  for (const who of ["owner", "moderator", "insider", "outsider", "payer"] as const)
    usernames[who] = (await callers[who].profile.mine()).username;

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
  const create = (visibility: "public" | "private" | "paid", tierIds: string[] = []) =>
    callers.owner.space.create({
      ...fields,
      name: visibility,
      slug: visibility,
      visibility,
      tierIds,
    });
  spaces.public = (await create("public")).id;
  spaces.private = (await create("private")).id;
  spaces.paid = (await create("paid", [gold.id])).id;
  await callers.owner.space.addMember({ spaceId: spaces.private, memberId: memberIds.insider });
  for (const kind of ["public", "private", "paid"] as const)
    posts[kind] = await writePost(spaces[kind], memberIds.owner, `A ${kind} post`);
});
afterAll(() => fx.drop());

describe("threads", () => {
  it("nests replies up to the depth limit; a reply deeper joins its parent's replies", async () => {
    const postId = await writePost(spaces.public, memberIds.owner, "Deep thread");
    let parentId: string | null = null;
    const chain: { id: string; depth: number; parentCommentId: string | null }[] = [];
    for (let i = 0; i <= COMMENT_DEPTH_MAX + 1; i++) {
      const created: Awaited<ReturnType<Caller["comment"]["create"]>> =
        await callers.insider.comment.create({
          postId,
          parentCommentId: parentId,
          body: `Level ${i}`,
        });
      chain.push(created);
      parentId = created.id;
    }
    expect(chain.map((c) => c.depth)).toEqual([0, 1, 2, 3, 4, 5, 5]);
    // The reply to the deepest comment hangs under that comment's parent.
    expect(chain.at(-1)?.parentCommentId).toBe(chain[COMMENT_DEPTH_MAX - 1]?.id);
    const row = await postRow(postId);
    expect(row.commentCount).toBe(COMMENT_DEPTH_MAX + 2);
    // A page brings two levels of replies; deeper ones load with comment.replies.
    const page = await callers.outsider.comment.list({ postId });
    expect(page.items).toHaveLength(1);
    const level1 = page.items[0]?.replies[0];
    expect(level1?.replies[0]?.depth).toBe(2);
    expect(level1?.replies[0]?.replies).toEqual([]);
    const deeper = await callers.outsider.comment.replies({ commentId: chain[2]!.id });
    expect(deeper.items.map((c) => c.body)).toEqual(["Level 3"]);
  });

  it("pages top-level comments by keyset and previews replies with a cursor for the rest", async () => {
    const postId = await writePost(spaces.public, memberIds.owner, "Busy thread");
    const top: string[] = [];
    for (let i = 0; i < 5; i++)
      top.push((await callers.insider.comment.create({ postId, body: `Top ${i}` })).id);
    const replies: string[] = [];
    for (let i = 0; i < REPLY_PREVIEW + 2; i++)
      replies.push(
        (
          await callers.outsider.comment.create({
            postId,
            parentCommentId: top[0],
            body: `Re ${i}`,
          })
        ).id,
      );
    const first = await callers.payer.comment.list({ postId, limit: 2 });
    expect(first.items.map((c) => c.body)).toEqual(["Top 0", "Top 1"]);
    const head = first.items[0]!;
    expect(head.replyCount).toBe(REPLY_PREVIEW + 2);
    expect(head.replies.map((c) => c.id)).toEqual(replies.slice(0, REPLY_PREVIEW));
    expect(head.moreReplies).not.toBeNull();
    expect(first.items[1]?.moreReplies).toBeNull();
    const rest = await callers.payer.comment.replies({
      commentId: head.id,
      cursor: head.moreReplies,
    });
    expect(rest.items.map((c) => c.id)).toEqual(replies.slice(REPLY_PREVIEW));
    expect(rest.nextCursor).toBeNull();
    const second = await callers.payer.comment.list({ postId, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((c) => c.body)).toEqual(["Top 2", "Top 3"]);
    const third = await callers.payer.comment.list({ postId, limit: 2, cursor: second.nextCursor });
    expect(third.items.map((c) => c.body)).toEqual(["Top 4"]);
    expect(third.nextCursor).toBeNull();
    // Authors show by their profile; the viewer's rights come with each comment.
    expect(head.author).toMatchObject({ memberId: memberIds.insider, name: "insider" });
    expect(head).toMatchObject({ canEdit: false, canDelete: false, status: "live" });
  });

  it("keeps post.comment_count and last_activity_at up to date", async () => {
    const postId = await writePost(spaces.public, memberIds.owner, "Counted");
    const before = await postRow(postId);
    const a = await callers.insider.comment.create({ postId, body: "One" });
    await callers.outsider.comment.create({ postId, parentCommentId: a.id, body: "Two" });
    const after = await postRow(postId);
    expect(after.commentCount).toBe(2);
    expect(after.lastActivityAt.getTime()).toBeGreaterThanOrEqual(before.lastActivityAt.getTime());
    const [parent] = await fx.db.select().from(comment).where(eq(comment.id, a.id));
    expect(parent?.replyCount).toBe(1);
  });

  it("lets only the author edit (marked edited) and delete, leaving a placeholder that keeps the thread", async () => {
    const postId = await writePost(spaces.public, memberIds.owner, "Edits");
    const mine = await callers.insider.comment.create({ postId, body: "First take" });
    const reply = await callers.outsider.comment.create({
      postId,
      parentCommentId: mine.id,
      body: "A reply",
    });
    expect(mine).toMatchObject({ canEdit: true, canDelete: true, editedAt: null });
    const edited = await callers.insider.comment.update({ id: mine.id, body: "Second take" });
    expect(edited.body).toBe("Second take");
    expect(edited.editedAt).toBeInstanceOf(Date);
    for (const who of ["outsider", "moderator", "owner"] as const) {
      const refusal = await refusalOf(
        callers[who].comment.update({ id: mine.id, body: "Mine now" }),
      );
      expect(refusal?.code, who).toBe("FORBIDDEN");
      expect(await codeOf(callers[who].comment.remove({ id: mine.id })), who).toBe("FORBIDDEN");
    }
    expect(await callers.insider.comment.remove({ id: mine.id })).toEqual({ id: mine.id });
    const page = await callers.outsider.comment.list({ postId });
    expect(page.items[0]).toMatchObject({
      id: mine.id,
      status: "deleted",
      body: null,
      author: null,
      canEdit: false,
      replyCount: 1,
    });
    expect(page.items[0]?.replies.map((c) => c.id)).toEqual([reply.id]);
    expect((await postRow(postId)).commentCount).toBe(1);
    const [row] = await fx.db.select().from(comment).where(eq(comment.id, mine.id));
    expect(row?.body).toBe("");
    expect(await codeOf(callers.insider.comment.update({ id: mine.id, body: "Back" }))).toBe(
      "CONFLICT",
    );
    expect(
      await codeOf(callers.insider.comment.create({ postId, parentCommentId: mine.id, body: "?" })),
    ).toBe("CONFLICT");
    expect(
      await codeOf(callers.insider.reaction.toggle({ postId, commentId: mine.id, emoji: "like" })),
    ).toBe("CONFLICT");
  });

  it("refuses new comments on a locked post, saying so; moderators may still close it", async () => {
    const postId = await writePost(spaces.public, memberIds.owner, "Locked");
    const early = await callers.insider.comment.create({ postId, body: "Before the lock" });
    await fx.db.update(post).set({ lockedAt: new Date() }).where(eq(post.id, postId));
    const refusal = await callers.insider.comment.create({ postId, body: "After" }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toMatchObject({
      code: "FORBIDDEN",
      message: "This post is locked: it takes no new comments",
    });
    expect(
      await codeOf(
        callers.outsider.comment.create({ postId, parentCommentId: early.id, body: "Reply" }),
      ),
    ).toBe("FORBIDDEN");
    const closing = await callers.moderator.comment.create({ postId, body: "Closing this." });
    expect(closing.body).toBe("Closing this.");
    // The thread still reads.
    expect((await callers.outsider.comment.list({ postId })).items).toHaveLength(2);
    expect((await postRow(postId)).commentCount).toBe(2);
  });

  it("refuses bad bodies on the field, and a comment of another post as NOT_FOUND", async () => {
    const refusal = await refusalOf(
      callers.insider.comment.create({ postId: posts.public, body: "  " }),
    );
    expect(refusal).toEqual({ code: "BAD_REQUEST", fields: ["body"] });
    const elsewhere = await writePost(spaces.public, memberIds.owner, "Elsewhere");
    const there = await callers.insider.comment.create({ postId: elsewhere, body: "Over there" });
    expect(
      await codeOf(
        callers.insider.comment.create({
          postId: posts.public,
          parentCommentId: there.id,
          body: "Cross",
        }),
      ),
    ).toBe("NOT_FOUND");
  });
});

describe("the visibility matrix", () => {
  const sees: Record<Who, (keyof typeof posts)[]> = {
    owner: ["public", "private", "paid"],
    moderator: ["public", "private", "paid"],
    insider: ["public", "private"],
    outsider: ["public"],
    payer: ["public", "paid"],
    stranger: [],
  };

  it("reads, writes, reacts and votes exactly where the space is visible, NOT_FOUND elsewhere", async () => {
    const missing = await refusalOf(
      callers.outsider.comment.list({ postId: "00000000-0000-4000-8000-000000000000" }),
    );
    for (const who of people)
      for (const kind of ["public", "private", "paid"] as const) {
        const postId = posts[kind];
        const expected = sees[who].includes(kind) ? "OK" : "NOT_FOUND";
        const label = `${who} → ${kind}`;
        expect(
          await codeOf(callers[who].comment.create({ postId, body: `${who} was here` })),
          `${label} create`,
        ).toBe(expected);
        expect(await codeOf(callers[who].comment.list({ postId })), `${label} list`).toBe(expected);
        expect(
          await codeOf(callers[who].reaction.toggle({ postId, emoji: "like" })),
          `${label} react`,
        ).toBe(expected);
        expect(
          await codeOf(callers[who].reaction.vote({ postId, vote: "up" })),
          `${label} vote`,
        ).toBe(expected);
        const bars = await callers[who].reaction.ofPosts({ postIds: [postId] }).catch(() => []);
        expect(
          bars.map((b) => b.postId),
          `${label} ofPosts`,
        ).toEqual(expected === "OK" ? [postId] : []);
        if (expected === "NOT_FOUND")
          expect(await refusalOf(callers[who].comment.list({ postId })), label).toEqual(missing);
      }
    // Each visible post got one comment, one like and one upvote from each who sees it.
    for (const kind of ["public", "private", "paid"] as const) {
      const n = people.filter((who) => sees[who].includes(kind)).length;
      const row = await postRow(posts[kind]);
      expect(row, kind).toMatchObject({ commentCount: n, reactionCount: n, score: n });
      const page = await callers.owner.comment.list({ postId: posts[kind] });
      expect(page.items).toHaveLength(n);
    }
  });

  it("sends comment events only to members who see the post's space", async () => {
    const cursor = await withTenant(fx.db, asSystem(orgId, "test"), async (scope) => {
      const [row] = await scope.db.execute<{ head: string }>(
        sql`select coalesce(max(seq), 0)::text as head from org_event where organization_id = ${orgId}`,
      );
      return Number(row?.head ?? 0);
    });
    await callers.owner.comment.create({ postId: posts.private, body: "Staff only news" });
    const events = await withTenant(fx.db, asSystem(orgId, "test"), (scope) =>
      eventsAfter(scope, cursor, 100),
    );
    expect(events.map((e) => [e.kind, e.target])).toEqual([
      ["comment.created", { type: "post", id: posts.private }],
    ]);
    const visibleTo = async (who: "insider" | "outsider" | "moderator") => {
      const actor = await actorOf(who);
      return withTenant(fx.db, { organizationId: orgId, actor }, async (scope) => [
        ...((await commentEvents.visibleTargets?.({ scope, member: actor }, [
          posts.private,
          posts.public,
        ])) ?? []),
      ]);
    };
    expect((await visibleTo("insider")).sort()).toEqual([posts.private, posts.public].sort());
    expect(await visibleTo("outsider")).toEqual([posts.public]);
    expect((await visibleTo("moderator")).sort()).toEqual([posts.private, posts.public].sort());
  });

  it("tells the replied-to author and mentioned members, only those who see the space", async () => {
    const postId = await writePost(spaces.private, memberIds.insider, "Private talk");
    await fx.runJobs();
    const unread = async (who: "insider" | "outsider" | "payer" | "moderator") =>
      (await callers[who].notification.list({})).items.filter((n) => n.kind.startsWith("comment."));
    const before = {
      insider: (await unread("insider")).length,
      outsider: (await unread("outsider")).length,
      moderator: (await unread("moderator")).length,
    };
    await callers.owner.comment.create({
      postId,
      body: `Hey @${usernames.outsider} and @${usernames.moderator}, and \`@${usernames.payer}\` in code`,
    });
    await fx.runJobs();
    const insider = await unread("insider");
    expect(insider.length).toBe(before.insider + 1);
    expect(insider[0]).toMatchObject({ kind: "comment.replied" });
    expect(insider[0]?.text).toContain("Private talk");
    // The outsider cannot see the private space: not told. The moderator sees every space.
    expect((await unread("outsider")).length).toBe(before.outsider);
    const moderator = await unread("moderator");
    expect(moderator.length).toBe(before.moderator + 1);
    expect(moderator[0]).toMatchObject({ kind: "comment.mentioned" });
  });
});

describe("reactions and votes", () => {
  it("toggles a reaction and sets a vote, answering the counts and the viewer's own state", async () => {
    const postId = await writePost(spaces.public, memberIds.owner, "Reacted");
    const on = await callers.insider.reaction.toggle({ postId, emoji: "celebrate" });
    expect(on).toMatchObject({
      postId,
      commentId: null,
      reactionCount: 1,
      reactions: [{ emoji: "celebrate", count: 1, mine: true }],
      myVote: "none",
    });
    const theirs = await callers.outsider.reaction.toggle({ postId, emoji: "celebrate" });
    expect(theirs.reactions).toEqual([{ emoji: "celebrate", count: 2, mine: true }]);
    const off = await callers.insider.reaction.toggle({ postId, emoji: "celebrate" });
    expect(off.reactions).toEqual([{ emoji: "celebrate", count: 1, mine: false }]);
    expect((await callers.insider.reaction.vote({ postId, vote: "up" })).score).toBe(1);
    expect((await callers.outsider.reaction.vote({ postId, vote: "down" })).score).toBe(0);
    const flipped = await callers.insider.reaction.vote({ postId, vote: "down" });
    expect(flipped).toMatchObject({ score: -2, myVote: "down" });
    expect((await callers.insider.reaction.vote({ postId, vote: "none" })).score).toBe(-1);
    const c = await callers.insider.comment.create({ postId, body: "React to me" });
    const onComment = await callers.outsider.reaction.toggle({
      postId,
      commentId: c.id,
      emoji: "love",
    });
    expect(onComment).toMatchObject({ commentId: c.id, reactionCount: 1 });
    await callers.outsider.reaction.vote({ postId, commentId: c.id, vote: "up" });
    const [listed] = (await callers.outsider.comment.list({ postId })).items;
    expect(listed?.reactions).toMatchObject({
      score: 1,
      myVote: "up",
      reactions: [{ emoji: "love", count: 1, mine: true }],
    });
    // The post's own counters did not move with the comment's.
    expect(await postRow(postId)).toMatchObject({ score: -1, reactionCount: 1 });
  });

  it("leaves counts equal to the rows after many concurrent toggles and votes", async () => {
    const postId = await writePost(spaces.public, memberIds.owner, "Hot post");
    const target = await callers.owner.comment.create({ postId, body: "Hot comment" });
    const voters = ["owner", "moderator", "insider", "outsider", "payer"] as const;
    const emojis = ["like", "love", "laugh"] as const;
    const directions = ["up", "down", "none"] as const;
    const calls: Promise<unknown>[] = [];
    for (let round = 0; round < 6; round++)
      for (const [i, who] of voters.entries()) {
        const commentId = round % 2 === 0 ? null : target.id;
        // Double clicks: the same toggle twice at once, and votes racing each other.
        const emoji = emojis[(round + i) % emojis.length]!;
        calls.push(callers[who].reaction.toggle({ postId, commentId, emoji }));
        calls.push(callers[who].reaction.toggle({ postId, commentId, emoji }));
        calls.push(callers[who].reaction.toggle({ postId, commentId: target.id, emoji: "wow" }));
        calls.push(
          callers[who].reaction.vote({ postId, commentId, vote: directions[(round + i) % 3]! }),
        );
        calls.push(callers[who].reaction.vote({ postId, vote: directions[(round * i) % 3]! }));
      }
    // The same member's requests take turns on their write budget's row; straight service calls
    // (each its own tenant transaction on its own pooled connection) race with nothing between.
    for (const who of voters) {
      const actor = await actorOf(who);
      const asMember = { organizationId: orgId, actor };
      for (let i = 0; i < 4; i++) {
        calls.push(
          withTenant(fx.db, asMember, (scope) =>
            setVote(scope, { postId, commentId: target.id, vote: i % 2 === 0 ? "up" : "down" }),
          ),
        );
        calls.push(
          withTenant(fx.db, asMember, (scope) =>
            toggleReaction(scope, { postId, commentId: null, emoji: "thanks" }),
          ),
        );
        calls.push(
          withTenant(fx.db, asMember, (scope) =>
            setVote(scope, { postId, vote: i % 2 === 0 ? "down" : "none" }),
          ),
        );
      }
    }
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);

    const counted = async (table: typeof reaction | typeof vote, commentId: string | null) => {
      const where = and(
        eq(table.postId, postId),
        commentId ? eq(table.commentId, commentId) : sql`${table.commentId} is null`,
      );
      if (table === reaction) {
        const [row] = await fx.db
          .select({ n: sql<number>`count(*)::int` })
          .from(reaction)
          .where(where);
        return row?.n ?? 0;
      }
      const [row] = await fx.db
        .select({ n: sql<number>`coalesce(sum(${vote.value}), 0)::int` })
        .from(vote)
        .where(where);
      return row?.n ?? 0;
    };
    const p = await postRow(postId);
    expect(p.reactionCount).toBe(await counted(reaction, null));
    expect(p.score).toBe(await counted(vote, null));
    const [c] = await fx.db.select().from(comment).where(eq(comment.id, target.id));
    expect(c?.reactionCount).toBe(await counted(reaction, target.id));
    expect(c?.score).toBe(await counted(vote, target.id));
    // Each member's "wow" on the comment was toggled 6 times: off again for everyone.
    const state = await callers.owner.comment.list({ postId });
    expect(state.items[0]?.reactions.reactions.find((r) => r.emoji === "wow")).toBeUndefined();
    // And what the procedures answer agrees with the rows.
    const [bar] = await callers.insider.reaction.ofPosts({ postIds: [postId] });
    expect(bar?.reactionCount).toBe(bar?.reactions.reduce((sum, r) => sum + r.count, 0));
  });
});
