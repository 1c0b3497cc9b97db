// The open post page's live events, through real event streams on real PostgreSQL: reactions and
// votes on a post and on its comments, a moderator's lock and hide, each heard by the members who
// see the post's space and by no one else (a private space's outsider hears nothing of it).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, followEvents } from "../testing.ts";

let fx: ApiFixture;
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
type Caller = Awaited<ReturnType<Person["caller"]>>;
const who = ["owner", "moderator", "insider", "outsider"] as const;
type Who = (typeof who)[number];
const persons = {} as Record<Who, Person>;
const callers = {} as Record<Who, Caller>;
const spaces = { public: "", private: "" };

const spaceFields = { description: "", icon: "", type: "discussion" as const, section: "" };
const postFields = { title: "Live", body: "Body", type: "discussion" as const, tags: [] };

/** A member's event stream; `nextAbout()` skips to the next event of a post or comment. */
async function follow(name: Who) {
  const stream = await followEvents(persons[name], "acme");
  return {
    async nextAbout() {
      const event = await stream.nextOf(["post.", "comment."]);
      return { kind: event.kind, target: event.target };
    },
    close: stream.close,
  };
}

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme", ["moderator"]);
  persons.owner = acme.owner;
  persons.moderator = acme.members.moderator!;
  persons.insider = await fx.addMember(acme.org.id, "member", { name: "insider" });
  persons.outsider = await fx.addMember(acme.org.id, "member", { name: "outsider" });
  for (const name of who) callers[name] = await persons[name].caller("acme");
  const create = (visibility: "public" | "private") =>
    callers.owner.space.create({ ...spaceFields, name: visibility, slug: visibility, visibility });
  spaces.public = (await create("public")).id;
  spaces.private = (await create("private")).id;
  await callers.owner.space.addMember({
    spaceId: spaces.private,
    memberId: persons.insider.memberId,
  });
});
afterAll(() => fx.drop());

const publish = (spaceId: string) =>
  callers.owner.post.create({ ...postFields, spaceId, publish: true });

describe("an open post's live events", () => {
  it("tell reactions, votes and comment reactions to those who see the space only", async () => {
    const secret = await publish(spaces.private);
    const open = await publish(spaces.public);
    const note = await callers.owner.comment.create({ postId: secret.id, body: "First" });
    const insider = await follow("insider");
    const outsider = await follow("outsider");
    try {
      await callers.moderator.reaction.toggle({ postId: secret.id, emoji: "love" });
      await callers.moderator.reaction.vote({ postId: secret.id, vote: "up" });
      await callers.moderator.reaction.toggle({
        postId: secret.id,
        commentId: note.id,
        emoji: "love",
      });
      // A vote that changes nothing (up again) tells no one.
      await callers.moderator.reaction.vote({ postId: secret.id, vote: "up" });
      await callers.moderator.reaction.toggle({ postId: open.id, emoji: "love" });
      const target = { type: "post", id: secret.id };
      expect(await insider.nextAbout()).toEqual({ kind: "post.reacted", target });
      expect(await insider.nextAbout()).toEqual({ kind: "post.reacted", target });
      expect(await insider.nextAbout()).toEqual({ kind: "comment.reacted", target });
      expect(await insider.nextAbout()).toEqual({
        kind: "post.reacted",
        target: { type: "post", id: open.id },
      });
      // The outsider cannot see the private space: the public post's reaction is their first.
      expect(await outsider.nextAbout()).toEqual({
        kind: "post.reacted",
        target: { type: "post", id: open.id },
      });
    } finally {
      insider.close();
      outsider.close();
    }
  });

  it("tells a lock, and a hide even to members who may no longer read the post", async () => {
    const secret = await publish(spaces.private);
    const open = await publish(spaces.public);
    const insider = await follow("insider");
    const outsider = await follow("outsider");
    try {
      await callers.moderator.moderation.setPostLocked({ id: secret.id, locked: true });
      expect(await insider.nextAbout()).toEqual({
        kind: "post.updated",
        target: { type: "post", id: secret.id },
      });
      // (Each event is checked against the post as it is when the stream sends it, so the lock
      // is waited for before the hide.)
      await callers.moderator.moderation.setPostHidden({ id: secret.id, hidden: true });
      // Hidden: an edit of it is the author's and staff's business only.
      await callers.owner.post.update({ ...postFields, id: secret.id, body: "Edited" });
      await callers.moderator.moderation.setPostLocked({ id: open.id, locked: true });
      expect(await insider.nextAbout()).toEqual({
        kind: "post.hidden",
        target: { type: "post", id: secret.id },
      });
      expect(await insider.nextAbout()).toEqual({
        kind: "post.updated",
        target: { type: "post", id: open.id },
      });
      expect(await outsider.nextAbout()).toEqual({
        kind: "post.updated",
        target: { type: "post", id: open.id },
      });
      // What the insider's page reads again: the locked post is still there, the hidden one not.
      expect((await callers.insider.post.get({ id: open.id })).locked).toBe(true);
      await expect(callers.insider.post.get({ id: secret.id })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    } finally {
      insider.close();
      outsider.close();
    }
  });
});
