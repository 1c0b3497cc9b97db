// A reaction tells the author of the post or comment once per reactor and item (toggling on and
// off does not spam), never the reactor themselves, and not an author who no longer sees the space.
import { and, eq, notification } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../testing.ts";

let fx: ApiFixture;
let orgId = "";
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
type Caller = Awaited<ReturnType<Person["caller"]>>;
let author: Person;
let reactor: Person;
let owner: Caller;
let spaceId = "";

async function reactionNotes(person: Person) {
  await fx.runJobs();
  return fx.db
    .select({ targetId: notification.targetId, actor: notification.actorMemberId })
    .from(notification)
    .where(
      and(
        eq(notification.organizationId, orgId),
        eq(notification.memberId, person.memberId),
        eq(notification.kind, "reaction.added"),
      ),
    );
}

const publish = (api: Caller, title: string) =>
  api.post.create({ title, body: "Text", type: "discussion", tags: [], spaceId, publish: true });

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme");
  orgId = acme.org.id;
  author = await fx.addMember(orgId, "member", { name: "Author" });
  reactor = await fx.addMember(orgId, "member", { name: "Reactor" });
  owner = await acme.owner.caller("acme");
  spaceId = (
    await owner.space.create({
      name: "Back room",
      slug: "back-room",
      description: "",
      icon: "",
      type: "discussion",
      visibility: "private",
      section: "",
    })
  ).id;
  for (const person of [author, reactor])
    await owner.space.addMember({ spaceId, memberId: person.memberId });
});
afterAll(() => fx?.drop());

describe("reaction.toggle", () => {
  it("tells the author once, whatever the toggles, and not the reactor", async () => {
    const api = await author.caller("acme");
    const { id: postId } = await publish(api, "Hello");
    // Reacting to one's own post tells no one.
    await api.reaction.toggle({ postId, emoji: "like" });
    expect(await reactionNotes(author)).toEqual([]);

    const other = await reactor.caller("acme");
    await other.reaction.toggle({ postId, emoji: "like" });
    expect(await reactionNotes(author)).toEqual([{ targetId: postId, actor: reactor.memberId }]);
    const told = (await api.notification.list({})).items[0];
    expect(told).toMatchObject({ text: "Reactor reacted to Hello" });
    // Off, on, off and another emoji: still the one notification.
    await other.reaction.toggle({ postId, emoji: "like" });
    await other.reaction.toggle({ postId, emoji: "like" });
    await other.reaction.toggle({ postId, emoji: "like" });
    await other.reaction.toggle({ postId, emoji: "love" });
    expect(await reactionNotes(author)).toHaveLength(1);
    expect(await reactionNotes(reactor)).toEqual([]);
  });

  it("tells a comment's author of a reaction to the comment", async () => {
    const { id: postId } = await publish(await reactor.caller("acme"), "Thread");
    const comment = await (await author.caller("acme")).comment.create({ postId, body: "Me too" });
    await (await reactor.caller("acme")).reaction.toggle({
      postId,
      commentId: comment.id,
      emoji: "like",
    });
    expect((await reactionNotes(author)).map((n) => n.targetId)).toContain(comment.id);
  });

  it("does not tell an author who no longer sees the space", async () => {
    const { id: postId } = await publish(await author.caller("acme"), "Before I left");
    await owner.space.removeMember({ spaceId, memberId: author.memberId });
    await (await reactor.caller("acme")).reaction.toggle({ postId, emoji: "like" });
    expect((await reactionNotes(author)).map((n) => n.targetId)).not.toContain(postId);
  });
});
