// Images in posts, through the procedures and the app's file route on real PostgreSQL and the
// test run's S3 stand-in: a member uploads an image for a post in a private space, the body names
// it by the route's path, and the route serves it to whoever sees the space (the insider, a
// moderator) and answers 404 to everyone else (a member outside the space, a visitor with no
// session, another organization's owner), again after a member is taken out of the space.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { servePublicFile } from "../public-files.ts";
import { type ApiFixture, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
type Caller = Awaited<ReturnType<Person["caller"]>>;
const who = ["owner", "moderator", "insider", "outsider"] as const;
type Who = (typeof who)[number];
const persons = {} as Record<Who | "stranger", { cookie: string }>;
const callers = {} as Record<Who, Caller>;
const spaces = { public: "", private: "" };
let orgId = "";
let insiderMemberId = "";

const spaceFields = { description: "", icon: "", type: "discussion" as const, section: "" };
/** The first bytes of a PNG: what the upload's inspection recognizes as one. */
const png = new Uint8Array(64);
png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function uploadImage(caller: Caller, spaceId: string) {
  const started = await caller.post.startImageUpload({
    spaceId,
    name: "diagram.png",
    size: png.length,
    contentType: "image/png",
  });
  const put = await fetch(started.upload.url, {
    method: "PUT",
    body: new Blob([png], { type: "image/png" }),
    headers: started.upload.headers,
  });
  expect(put.ok).toBe(true);
  await caller.file.confirmUpload({ id: started.file.id });
  return started;
}

/** GET of the file route as a browser sends it: with this person's session cookie, or none. */
function fetchAs(person: Who | "stranger" | "visitor", path: string) {
  const [, , , organizationId, fileId] = path.split("/");
  const headers = new Headers(person === "visitor" ? {} : { cookie: persons[person].cookie });
  return servePublicFile(fx.deps, new Request(`http://guild.test${path}`, { headers }), {
    organizationId: organizationId ?? "",
    fileId: fileId ?? "",
  });
}

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme", ["moderator"]);
  const other = await fx.createOrg("other");
  orgId = acme.org.id;
  const moderator = acme.members.moderator;
  if (!moderator) throw new Error("no moderator");
  const insider = await fx.addMember(orgId, "member", { name: "insider" });
  const outsider = await fx.addMember(orgId, "member", { name: "outsider" });
  insiderMemberId = insider.memberId;
  Object.assign(persons, {
    owner: acme.owner,
    moderator,
    insider,
    outsider,
    stranger: other.owner,
  });
  callers.owner = await acme.owner.caller("acme");
  callers.moderator = await moderator.caller("acme");
  callers.insider = await insider.caller("acme");
  callers.outsider = await outsider.caller("acme");
  const create = (visibility: "public" | "private") =>
    callers.owner.space.create({ ...spaceFields, name: visibility, slug: visibility, visibility });
  spaces.public = (await create("public")).id;
  spaces.private = (await create("private")).id;
  await callers.owner.space.addMember({ spaceId: spaces.private, memberId: insiderMemberId });
});
afterAll(() => fx.drop());

describe("images in posts", () => {
  it("are served by the file route to those who see the space, 404 to everyone else", async () => {
    const image = await uploadImage(callers.insider, spaces.private);
    expect(image.path).toBe(`/api/files/${orgId}/${image.file.id}`);
    const post = await callers.insider.post.create({
      spaceId: spaces.private,
      title: "Our plan",
      body: `Here it is:\n\n![The plan](${image.path})`,
      type: "discussion",
      tags: [],
      publish: true,
    });
    expect((await callers.moderator.post.get({ id: post.id })).body).toContain(image.path);

    for (const person of ["insider", "moderator", "owner"] as const) {
      const answer = await fetchAs(person, image.path);
      expect(answer.status, person).toBe(200);
      expect(answer.headers.get("content-type")).toBe("image/png");
      // Never in a shared cache, and asked again each time it is shown.
      expect(answer.headers.get("cache-control")).toBe("private, no-cache");
      expect(new Uint8Array(await answer.arrayBuffer())).toEqual(png);
    }
    for (const person of ["outsider", "stranger", "visitor"] as const)
      expect((await fetchAs(person, image.path)).status, person).toBe(404);
    // Nor can the outsider reach it through the file procedures.
    expect(await refusalOf(callers.outsider.file.downloadUrl({ id: image.file.id }))).toMatchObject(
      { code: "NOT_FOUND" },
    );

    // Taken out of the space, the insider is refused from then on (even with the ETag).
    await callers.owner.space.removeMember({ spaceId: spaces.private, memberId: insiderMemberId });
    expect((await fetchAs("insider", image.path)).status).toBe(404);
  });

  it("is started only in a space the member writes in", async () => {
    const input = { name: "x.png", size: png.length, contentType: "image/png" as const };
    expect(
      await refusalOf(
        callers.outsider.post.startImageUpload({ ...input, spaceId: spaces.private }),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
    // Only images, and not too large: said next to the field.
    expect(
      await refusalOf(
        callers.outsider.post.startImageUpload({
          ...input,
          spaceId: spaces.public,
          contentType: "application/pdf",
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST" });
    expect(
      await refusalOf(
        callers.outsider.post.startImageUpload({
          ...input,
          spaceId: spaces.public,
          size: 11 * 1024 * 1024,
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST" });
    const image = await uploadImage(callers.outsider, spaces.public);
    expect((await fetchAs("insider", image.path)).status).toBe(200);
  });
});
