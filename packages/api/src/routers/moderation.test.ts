// Moderation through the procedures against real PostgreSQL and the real job runner: moderators
// pin, lock, hide and delete members' posts and comments (members then no longer see what was
// hidden, moderators and its author still do, marked); each action is in the audit log and told
// to the author; members report what they read, once per item while open; moderators work the
// queue oldest first and resolve reports by dismissing or acting.
import { and, comment, eq, notification } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<Awaited<ReturnType<ApiFixture["signUp"]>>["caller"]>>;
let owner: Caller;
let moderator: Caller;
let author: Caller;
let reader: Caller;
let stranger: Caller;
let spaceId = "";
let authorId = "";

const space = {
  description: "",
  icon: "",
  type: "discussion" as const,
  visibility: "public" as const,
  section: "",
};

async function writePost(title: string) {
  return author.post.create({
    title,
    body: "Body",
    type: "discussion",
    tags: [],
    spaceId,
    publish: true,
  });
}

async function writeComment(postId: string, body: string) {
  const [row] = await fx.db
    .insert(comment)
    .values({ organizationId: acme.org.id, spaceId, postId, authorMemberId: authorId, body })
    .returning({ id: comment.id });
  if (!row) throw new Error("no comment");
  return row.id;
}

async function kindsFor(memberId: string) {
  await fx.runJobs();
  const rows = await fx.db
    .select({ kind: notification.kind })
    .from(notification)
    .where(and(eq(notification.organizationId, acme.org.id), eq(notification.memberId, memberId)));
  return rows.map((r) => r.kind);
}

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["moderator", "member"], { plan: "business" });
  const other = await fx.createOrg("other", ["moderator"]);
  owner = await acme.owner.caller("acme");
  moderator = await acme.members.moderator!.caller("acme");
  author = await acme.members.member!.caller("acme");
  authorId = acme.members.member!.memberId;
  const second = await fx.addMember(acme.org.id, "member", { name: "Reader" });
  reader = await second.caller("acme");
  stranger = await other.members.moderator!.caller("other");
  spaceId = (await owner.space.create({ ...space, name: "Town square", slug: "square" })).id;
});
afterAll(() => fx?.drop());

describe("moderating posts", () => {
  it("pins, locks and hides: members lose a hidden post, the author and moderators keep it marked", async () => {
    const post = await writePost("Rule breaker");
    expect((await moderator.moderation.setPostPinned({ id: post.id, pinned: true })).pinned).toBe(
      true,
    );
    expect((await moderator.moderation.setPostLocked({ id: post.id, locked: true })).locked).toBe(
      true,
    );
    const hidden = await moderator.moderation.setPostHidden({ id: post.id, hidden: true });
    expect(hidden).toMatchObject({ id: post.id, hidden: true, pinned: true, locked: true });

    expect((await refusalOf(reader.post.get({ id: post.id })))?.code).toBe("NOT_FOUND");
    const feed = await reader.post.feed({ spaceId });
    expect(JSON.stringify(feed)).not.toContain(post.id);
    expect((await author.post.get({ id: post.id })).hidden).toBe(true);
    expect((await moderator.post.get({ id: post.id })).hidden).toBe(true);

    // A second click changes nothing and records nothing.
    await moderator.moderation.setPostHidden({ id: post.id, hidden: true });
    const log = await owner.activity.list({ limit: 20, target: { type: "post", id: post.id } });
    // The post's own trail, newest first, down to its publication (the activity log's entry).
    expect(log.items.map((i) => i.action)).toEqual([
      "post.hidden",
      "post.locked",
      "post.pinned",
      "post.published",
    ]);
    expect(log.items[0]?.actorName).toBe(acme.members.moderator!.name);

    const kinds = await kindsFor(authorId);
    expect(kinds).toContain("moderation.hidden");
    expect(kinds).toContain("moderation.locked");
    const list = await author.notification.list({});
    const told = list.items.find((n) => n.kind === "moderation.hidden");
    expect(told?.text).toBe(
      "A moderator hid your content in Rule breaker: only you and the moderators see it",
    );
    expect(told?.href).toBe(`/o/acme/s/square/p/${post.id}`);

    await moderator.moderation.setPostHidden({ id: post.id, hidden: false });
    expect((await reader.post.get({ id: post.id })).hidden).toBe(false);
  });

  it("deletes any member's post, and the author is told without naming it", async () => {
    const post = await writePost("Gone soon");
    expect(await moderator.moderation.removePost({ id: post.id })).toEqual({ id: post.id });
    expect((await refusalOf(author.post.get({ id: post.id })))?.code).toBe("NOT_FOUND");
    expect((await refusalOf(moderator.moderation.removePost({ id: post.id })))?.code).toBe(
      "NOT_FOUND",
    );
    await fx.runJobs();
    const told = (await author.notification.list({})).items.find(
      (n) => n.kind === "moderation.removed",
    );
    expect(told).toMatchObject({
      text: "A moderator deleted a post or comment of yours",
      href: null,
    });
  });

  it("refuses members (FORBIDDEN) and another organization's moderators (NOT_FOUND)", async () => {
    const post = await writePost("Safe");
    expect(
      (await refusalOf(reader.moderation.setPostLocked({ id: post.id, locked: true })))?.code,
    ).toBe("FORBIDDEN");
    expect((await refusalOf(reader.moderation.reports({})))?.code).toBe("FORBIDDEN");
    expect(
      (await refusalOf(stranger.moderation.setPostLocked({ id: post.id, locked: true })))?.code,
    ).toBe("NOT_FOUND");
    expect((await reader.post.get({ id: post.id })).locked).toBe(false);
  });
});

describe("moderating comments", () => {
  it("hides and deletes a comment", async () => {
    const post = await writePost("Thread");
    const commentId = await writeComment(post.id, "Rude words");
    expect(
      await moderator.moderation.setCommentHidden({ id: commentId, hidden: true }),
    ).toMatchObject({
      id: commentId,
      hidden: true,
    });
    // The thread: a moderator still reads it, marked hidden (to unhide it); a member gets the
    // placeholder.
    const seenByModerator = (await moderator.comment.list({ postId: post.id })).items[0];
    expect(seenByModerator).toMatchObject({ status: "live", hidden: true, body: "Rude words" });
    const seenByReader = (await reader.comment.list({ postId: post.id })).items[0];
    expect(seenByReader).toMatchObject({ status: "hidden", hidden: true, body: null });
    expect(await moderator.moderation.removeComment({ id: commentId })).toEqual({ id: commentId });
    const [row] = await fx.db.select().from(comment).where(eq(comment.id, commentId));
    expect(row?.deletedAt).not.toBeNull();
    expect(row?.body).toBe("");
    const log = await owner.activity.list({ limit: 5, target: { type: "comment", id: commentId } });
    expect(log.items.map((i) => i.action)).toEqual(["comment.moderator_deleted", "comment.hidden"]);
  });
});

describe("reports", () => {
  it("takes one open report per member per item, queues them oldest first, and resolves them", async () => {
    const post = await writePost("Spammy");
    const commentId = await writeComment(post.id, "Buy now");
    const first = await reader.moderation.report({
      postId: post.id,
      reason: "spam",
      details: "ads",
    });
    const again = await reader.moderation.report({ postId: post.id, reason: "other" });
    expect(again).toEqual({ id: first.id, status: "open", alreadyReported: true });
    const onComment = await reader.moderation.report({
      postId: post.id,
      commentId,
      reason: "harassment",
    });
    const byOwner = await owner.moderation.report({ postId: post.id, reason: "spam" });

    const queue = await moderator.moderation.reports({ limit: 2 });
    expect(queue.items.map((r) => r.id)).toEqual([first.id, onComment.id]);
    expect(queue.items[0]).toMatchObject({
      reason: "spam",
      details: "ads",
      postTitle: "Spammy",
      spaceSlug: "square",
      commentId: null,
      authorName: acme.members.member!.name,
    });
    expect(queue.items[1]).toMatchObject({ commentId, excerpt: "Buy now" });
    const next = await moderator.moderation.reports({ limit: 2, cursor: queue.nextCursor });
    expect(next.items.map((r) => r.id)).toEqual([byOwner.id]);

    // Dismissing the comment's report leaves the post's; hiding the post settles both of its own.
    expect(
      await moderator.moderation.resolveReport({ id: onComment.id, resolution: "dismiss" }),
    ).toEqual({
      id: onComment.id,
      status: "dismissed",
    });
    await moderator.moderation.resolveReport({ id: first.id, resolution: "hide" });
    expect((await moderator.moderation.reports({})).items).toEqual([]);
    expect((await refusalOf(reader.post.get({ id: post.id })))?.code).toBe("NOT_FOUND");
    expect(
      (
        await refusalOf(
          moderator.moderation.resolveReport({ id: byOwner.id, resolution: "dismiss" }),
        )
      )?.code,
    ).toBe("NOT_FOUND");
    // Resolved, the member may report it again.
    await moderator.moderation.setPostHidden({ id: post.id, hidden: false });
    const later = await reader.moderation.report({ postId: post.id, reason: "spam" });
    expect(later.alreadyReported).toBe(false);
  });

  it("refuses a report of what the member cannot read, and a bad reason on its field", async () => {
    expect(
      (
        await refusalOf(
          stranger.moderation.report({ postId: (await writePost("x")).id, reason: "spam" }),
        )
      )?.code,
    ).toBe("NOT_FOUND");
    const refusal = await refusalOf(
      // @ts-expect-error: a reason that is not one of the list
      reader.moderation.report({ postId: (await writePost("y")).id, reason: "boring" }),
    );
    expect(refusal).toEqual({ code: "BAD_REQUEST", fields: ["reason"] });
  });
});
