// A lesson's image and file blocks through the procedures and the app's file route on real
// PostgreSQL and the test run's S3 stand-in: an author uploads an image for a course in a
// private course space (lesson.startFileUpload), an image block names it, and the route serves
// it to whoever sees the space (an insider, a moderator) and answers 404 to everyone else. A
// block naming any other file (a post's image, another course space's file) is refused on its
// field, and members cannot start an upload.
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
const ids = { privateSpace: "", publicSpace: "", discussion: "", course: "", otherCourse: "" };
const lessonIds = { lesson: "" };
let orgId = "";

const png = new Uint8Array(64);
png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const courseFields = { description: "", access: "free" as const, tierIds: [] };

async function put(started: { upload: { url: string; headers: Record<string, string> } }) {
  const answer = await fetch(started.upload.url, {
    method: "PUT",
    body: new Blob([png], { type: "image/png" }),
    headers: started.upload.headers,
  });
  expect(answer.ok).toBe(true);
}

async function uploadCourseImage(caller: Caller, courseId: string) {
  const started = await caller.lesson.startFileUpload({
    courseId,
    name: "diagram.png",
    size: png.length,
    contentType: "image/png",
  });
  await put(started);
  await caller.file.confirmUpload({ id: started.file.id });
  return started;
}

function fetchAs(person: Who | "stranger" | "visitor", path: string) {
  const [, , , organizationId, fileId] = path.split("/");
  const headers = new Headers(person === "visitor" ? {} : { cookie: persons[person].cookie });
  return servePublicFile(fx.deps, new Request(`http://guild.test${path}`, { headers }), {
    organizationId: organizationId ?? "",
    fileId: fileId ?? "",
  });
}

type Blocks = Parameters<Caller["lesson"]["update"]>[0]["content"];
const lessonFields = (content: Blocks) => ({ id: lessonIds.lesson, title: "Diagrams", content });

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("acme", ["moderator"], { plan: "pro" });
  const other = await fx.createOrg("other");
  orgId = acme.org.id;
  const moderator = acme.members.moderator;
  if (!moderator) throw new Error("no moderator");
  const insider = await fx.addMember(orgId, "member", { name: "insider" });
  const outsider = await fx.addMember(orgId, "member", { name: "outsider" });
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
  const space = (slug: string, type: "course" | "discussion", visibility: "public" | "private") =>
    callers.owner.space.create({
      name: slug,
      slug,
      description: "",
      icon: "",
      type,
      visibility,
      section: "",
    });
  ids.privateSpace = (await space("academy", "course", "private")).id;
  ids.publicSpace = (await space("open-academy", "course", "public")).id;
  ids.discussion = (await space("talk", "discussion", "public")).id;
  await callers.owner.space.addMember({ spaceId: ids.privateSpace, memberId: insider.memberId });
  const course = await callers.moderator.course.create({
    ...courseFields,
    spaceId: ids.privateSpace,
    title: "Drawing",
    slug: "drawing",
  });
  ids.course = course.id;
  ids.otherCourse = (
    await callers.moderator.course.create({
      ...courseFields,
      spaceId: ids.publicSpace,
      title: "Painting",
      slug: "painting",
    })
  ).id;
  const module = await callers.moderator.course.createModule({ courseId: course.id, title: "One" });
  lessonIds.lesson = (
    await callers.moderator.lesson.create({ moduleId: module.id, title: "Diagrams" })
  ).id;
});
afterAll(() => fx.drop());

describe("a lesson's files", () => {
  it("are uploaded by authors, named by blocks, and served to those who see the space", async () => {
    const image = await uploadCourseImage(callers.moderator, ids.course);
    expect(image.path).toBe(`/api/files/${orgId}/${image.file.id}`);
    const saved = await callers.moderator.lesson.update(
      lessonFields([
        { id: "picture", type: "image", fileId: image.file.id, alt: "A diagram" },
        { id: "handout", type: "file", fileId: image.file.id, label: "The diagram" },
      ]),
    );
    expect(saved.content.map((b) => b.type)).toEqual(["image", "file"]);

    for (const person of ["insider", "moderator", "owner"] as const) {
      const answer = await fetchAs(person, image.path);
      expect(answer.status, person).toBe(200);
      expect(new Uint8Array(await answer.arrayBuffer())).toEqual(png);
    }
    for (const person of ["outsider", "stranger", "visitor"] as const)
      expect((await fetchAs(person, image.path)).status, person).toBe(404);
    expect(await refusalOf(callers.outsider.file.downloadUrl({ id: image.file.id }))).toMatchObject(
      { code: "NOT_FOUND" },
    );
    expect((await callers.insider.file.downloadUrl({ id: image.file.id })).url).toContain(
      image.file.id,
    );
  });

  it("refuses a block naming another kind of file, or another course space's", async () => {
    const postImage = await callers.moderator.post.startImageUpload({
      spaceId: ids.discussion,
      name: "photo.png",
      size: png.length,
      contentType: "image/png",
    });
    await put(postImage);
    await callers.moderator.file.confirmUpload({ id: postImage.file.id });
    const elsewhere = await uploadCourseImage(callers.moderator, ids.otherCourse);
    for (const fileId of [postImage.file.id, elsewhere.file.id])
      expect(
        await refusalOf(
          callers.moderator.lesson.update(
            lessonFields([{ id: "picture", type: "image", fileId, alt: "" }]),
          ),
        ),
      ).toMatchObject({ code: "NOT_FOUND", fields: ["content"] });
  });

  it("is started by authors only, for a course they may change", async () => {
    const input = {
      courseId: ids.course,
      name: "a.png",
      size: png.length,
      contentType: "image/png" as const,
    };
    expect(await refusalOf(callers.insider.lesson.startFileUpload(input))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(
      await refusalOf(
        callers.moderator.lesson.startFileUpload({
          ...input,
          courseId: "00000000-0000-4000-8000-000000000000",
        }),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
  });
});
