// A published post tells whom it @mentions at once and its space's followers through a job
// (joined, not muted, who see the space), never its author; a draft tells no one until published,
// and an edit tells only whom it newly mentions.
import { and, eq, notification } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../testing.ts";

let fx: ApiFixture;
let orgId = "";
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
let author: Person;
let follower: Person;
let muted: Person;
let mentioned: Person;
let spaceId = "";

async function kindsFor(person: Person) {
  await fx.runJobs();
  const rows = await fx.db
    .select({ kind: notification.kind })
    .from(notification)
    .where(and(eq(notification.organizationId, orgId), eq(notification.memberId, person.memberId)));
  return rows.map((r) => r.kind).sort();
}

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme");
  orgId = acme.org.id;
  author = await fx.addMember(orgId, "member", { name: "Author" });
  follower = await fx.addMember(orgId, "member", { name: "Follower" });
  muted = await fx.addMember(orgId, "member", { name: "Muted" });
  mentioned = await fx.addMember(orgId, "member", { name: "Mentioned" });
  const owner = await acme.owner.caller("acme");
  spaceId = (
    await owner.space.create({
      name: "Square",
      slug: "square",
      description: "",
      icon: "",
      type: "discussion",
      visibility: "public",
      section: "",
    })
  ).id;
  for (const person of [author, follower, muted])
    await (await person.caller("acme")).space.join({ spaceId });
  await (await muted.caller("acme")).space.mute({ spaceId, muted: true });
});
afterAll(() => fx?.drop());

describe("a published post", () => {
  it("tells its mentions and its space's followers, not the muted nor the author", async () => {
    const username = (await (await mentioned.caller("acme")).profile.mine()).username;
    const api = await author.caller("acme");
    const draft = await api.post.create({
      title: "Hello",
      body: `Welcome @${username}`,
      type: "discussion",
      tags: [],
      spaceId,
      publish: false,
    });
    expect(await kindsFor(mentioned)).toEqual([]);
    expect(await kindsFor(follower)).toEqual([]);
    await api.post.update({
      id: draft.id,
      title: "Hello",
      body: `Welcome @${username}`,
      type: "discussion",
      tags: [],
      publish: true,
    });
    expect(await kindsFor(mentioned)).toEqual(["post.mentioned"]);
    expect(await kindsFor(follower)).toEqual(["space.new_post"]);
    expect(await kindsFor(muted)).toEqual([]);
    // Nothing of their own post (the post's XP may earn them an achievement: that is theirs).
    expect((await kindsFor(author)).filter((kind) => !kind.startsWith("achievement."))).toEqual([]);
    const told = (await (await follower.caller("acme")).notification.list({})).items[0];
    expect(told).toMatchObject({
      text: "Author posted Hello",
      href: `/o/acme/s/square/p/${draft.id}`,
    });
    // An edit keeping the mention tells no one again.
    await api.post.update({
      id: draft.id,
      title: "Hello again",
      body: `Welcome @${username}!`,
      type: "discussion",
      tags: [],
      publish: true,
    });
    expect(await kindsFor(mentioned)).toEqual(["post.mentioned"]);
    expect(await kindsFor(follower)).toEqual(["space.new_post"]);
  });
});
