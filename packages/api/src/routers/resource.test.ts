// Resources spaces through the procedures, on a real database and the run's s3rver: who lists
// a public, private and paid resources space (and downloads its files) against a member of the
// space, a member who is not, a moderator and another organization; moderators' folders, links,
// uploads, edits, moves, reorders and deletions; what members may not do; links that are not
// http(s); a file's deletion taking its item, and a folder's taking its files.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type ApiFixture,
  codeOf,
  createCommunityFixture,
  followEvents,
  communityPeople as people,
  refusalOf,
  communitySees as sees,
  type CommunityVisibility as Visibility,
  type CommunityWho as Who,
} from "../testing.ts";

type Community = Awaited<ReturnType<typeof createCommunityFixture>>;
type Caller = Community["callers"][Who];

let fx: ApiFixture;
let persons: Community["persons"];
let callers: Community["callers"];
let ids: Community["ids"];
let acmeId = "";
/** A ready file resource in each space: its item and file ids. */
const files = {} as Record<Visibility, { itemId: string; fileId: string }>;

const fields = { description: "", icon: "", type: "resources" as const, section: "" };
const pdf = (text = "%PDF-1.7\n% a handout\n") => new TextEncoder().encode(text);

/** What a browser does with a File: fetch sets Content-Length from the body. */
function browserPut(url: string, body: Uint8Array, contentType: string) {
  return fetch(url, {
    method: "PUT",
    body: new Blob([body], { type: contentType }),
    headers: { "content-type": contentType, origin: "http://localhost:3999" },
  });
}

/** A moderator's file upload into a space, PUT and (unless `confirm` is false) confirmed. */
async function upload(
  api: Caller,
  spaceId: string,
  options: { folderId?: string | null; title?: string; confirm?: boolean; name?: string } = {},
) {
  const body = pdf();
  const started = await api.resource.startFileUpload({
    spaceId,
    folderId: options.folderId ?? null,
    name: options.name ?? "handout.pdf",
    size: body.length,
    contentType: "application/pdf",
    ...(options.title ? { title: options.title } : {}),
    description: "Read before the session",
  });
  expect((await browserPut(started.upload.url, body, "application/pdf")).status).toBe(200);
  if (options.confirm !== false) await api.file.confirmUpload({ id: started.file.id });
  return { itemId: started.item.id, fileId: started.file.id, body };
}

beforeAll(async () => {
  ({ fx, persons, callers, ids, acmeId } = await createCommunityFixture(inject("pgAdminUrl"), {
    type: "resources",
    slugs: { public: "library", private: "staff-library", paid: "premium-library" },
  }));
  for (const visibility of ["public", "private", "paid"] as const)
    files[visibility] = await upload(callers.moderator, ids[visibility]);
});
afterAll(() => fx.drop());

describe("who lists and downloads", () => {
  for (const visibility of ["public", "private", "paid"] as const)
    for (const who of people) {
      const allowed = sees[visibility].includes(who);
      it(`${visibility} resources, ${who}: ${allowed ? "lists and downloads" : "NOT_FOUND, the file too"}`, async () => {
        const api = callers[who];
        const { itemId, fileId } = files[visibility];
        if (allowed) {
          const library = await api.resource.list({ spaceId: ids[visibility] });
          expect(library.items.map((i) => i.id)).toContain(itemId);
          expect(library.canManage).toBe(who === "owner" || who === "moderator");
          const link = await api.file.downloadUrl({ id: fileId });
          const download = await fetch(link.url);
          expect(download.status).toBe(200);
          expect(download.headers.get("content-disposition")).toContain("handout.pdf");
          expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf());
        } else {
          expect(await codeOf(api.resource.list({ spaceId: ids[visibility] }))).toBe("NOT_FOUND");
          expect(await codeOf(api.file.downloadUrl({ id: fileId }))).toBe("NOT_FOUND");
          expect(await codeOf(api.file.remove({ id: fileId }))).toBe("NOT_FOUND");
        }
      });
    }

  it("refuses a non-member of a private space exactly as an id that exists nowhere", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const hidden = await refusalOf(callers.outsider.resource.list({ spaceId: ids.private }));
    const none = await refusalOf(callers.outsider.resource.list({ spaceId: missing }));
    expect(hidden).toEqual(none);
    expect(await codeOf(callers.outsider.file.downloadUrl({ id: files.private.fileId }))).toBe(
      await codeOf(callers.outsider.file.downloadUrl({ id: missing })),
    );
  });

  it("loses the file with the space: a member removed from a private space gets NOT_FOUND", async () => {
    const extra = await fx.addMember(acmeId, "member", { name: "leaver" });
    const api = await extra.caller("acme");
    await callers.owner.space.addMember({ spaceId: ids.private, memberId: extra.memberId });
    expect((await api.file.downloadUrl({ id: files.private.fileId })).url).toContain("http");
    await callers.owner.space.removeMember({ spaceId: ids.private, memberId: extra.memberId });
    expect(await codeOf(api.file.downloadUrl({ id: files.private.fileId }))).toBe("NOT_FOUND");
  });

  it("answers BAD_REQUEST for a space of another type", async () => {
    expect(await refusalOf(callers.insider.resource.list({ spaceId: ids.discussion }))).toEqual({
      code: "BAD_REQUEST",
      fields: ["spaceId"],
    });
  });
});

describe("moderators manage, members do not", () => {
  it("lets a moderator build a library: folders, links and files, in order", async () => {
    const api = callers.moderator.resource;
    const spaceId = ids.public;
    const guides = await api.createFolder({ spaceId, name: "Guides", description: "Start here" });
    const recordings = await api.createFolder({ spaceId, name: "Recordings" });
    const docs = await api.addLink({
      spaceId,
      folderId: guides.id,
      title: "Documentation",
      description: "The official docs",
      url: "https://docs.example.com/start",
    });
    const sheet = await upload(callers.moderator, spaceId, {
      folderId: guides.id,
      title: "Cheat sheet",
    });
    const library = await callers.outsider.resource.list({ spaceId });
    expect(library.canManage).toBe(false);
    const folder = library.folders.find((f) => f.id === guides.id);
    expect(folder?.description).toBe("Start here");
    expect(folder?.items.map((i) => [i.kind, i.title])).toEqual([
      ["link", "Documentation"],
      ["file", "Cheat sheet"],
    ]);
    const [link, fileItem] = folder?.items ?? [];
    expect(link?.url).toBe("https://docs.example.com/start");
    expect(link?.file).toBeNull();
    expect(fileItem?.url).toBeNull();
    expect(fileItem?.file).toMatchObject({
      id: sheet.fileId,
      name: "handout.pdf",
      contentType: "application/pdf",
      size: sheet.body.length,
    });
    expect(fileItem?.description).toBe("Read before the session");
    expect(fileItem?.createdBy?.memberId).toBe(persons.moderator.memberId);
    expect(library.folders.map((f) => f.id)).toEqual([guides.id, recordings.id]);

    // Reorder the folder's items and the folders; move the link to the top level.
    await api.reorder({ spaceId, folderId: guides.id, ids: [sheet.itemId, docs.id] });
    await api.reorderFolders({ spaceId, ids: [recordings.id, guides.id] });
    let after = await callers.outsider.resource.list({ spaceId });
    expect(after.folders.map((f) => f.id)).toEqual([recordings.id, guides.id]);
    expect(after.folders[1]?.items.map((i) => i.id)).toEqual([sheet.itemId, docs.id]);
    const moved = await api.move({ id: docs.id, folderId: null });
    expect(moved.folderId).toBeNull();
    after = await callers.outsider.resource.list({ spaceId });
    expect(after.items.map((i) => i.id)).toContain(docs.id);
    expect(after.folders[1]?.items.map((i) => i.id)).toEqual([sheet.itemId]);

    // Edits: a link's address may change; a file has none.
    const edited = await api.update({
      id: docs.id,
      title: "Docs",
      description: "",
      url: "https://docs.example.com/v2",
    });
    expect([edited.title, edited.url]).toEqual(["Docs", "https://docs.example.com/v2"]);
    expect(
      await refusalOf(api.update({ id: sheet.itemId, title: "x", url: "https://example.com/" })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["url"] });
    await api.updateFolder({ id: recordings.id, name: "Session recordings", description: "" });
    after = await callers.outsider.resource.list({ spaceId });
    expect(after.folders[0]?.name).toBe("Session recordings");
  });

  it("refuses members every change (FORBIDDEN) and changes nothing", async () => {
    const api = callers.insider.resource;
    const spaceId = ids.public;
    const before = await api.list({ spaceId });
    const anyItem = files.public.itemId;
    // One at a time: each call starts only when the previous refusal was read.
    for (const call of [
      () => api.createFolder({ spaceId, name: "Mine" }),
      () => api.addLink({ spaceId, folderId: null, title: "x", url: "https://example.com/" }),
      () =>
        api.startFileUpload({
          spaceId,
          folderId: null,
          name: "x.pdf",
          size: 10,
          contentType: "application/pdf",
        }),
      () => api.update({ id: anyItem, title: "Mine" }),
      () => api.move({ id: anyItem, folderId: null }),
      () => api.remove({ id: anyItem }),
      () => api.reorder({ spaceId, folderId: null, ids: [anyItem] }),
    ])
      expect(await codeOf(call())).toBe("FORBIDDEN");
    expect(await codeOf(callers.insider.file.remove({ id: files.public.fileId }))).toBe(
      "FORBIDDEN",
    );
    expect(await api.list({ spaceId })).toEqual(before);
  });

  it("accepts only http(s) links, with the issue on the url field", async () => {
    for (const url of [
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "ftp://files.example.com/a",
      "example.com",
      "",
    ])
      expect(
        await refusalOf(
          callers.moderator.resource.addLink({
            spaceId: ids.public,
            folderId: null,
            title: "Bad",
            url,
          }),
        ),
        url,
      ).toEqual({ code: "BAD_REQUEST", fields: ["url"] });
    expect(
      await refusalOf(
        callers.moderator.resource.addLink({
          spaceId: ids.public,
          folderId: null,
          title: " ",
          url: "https://example.com/",
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["title"] });
  });

  it("keeps folders to their space and refuses a stale reorder", async () => {
    const api = callers.moderator.resource;
    const elsewhere = await api.createFolder({ spaceId: ids.private, name: "Elsewhere" });
    expect(
      await refusalOf(
        api.addLink({
          spaceId: ids.public,
          folderId: elsewhere.id,
          title: "Stray",
          url: "https://example.com/",
        }),
      ),
    ).toEqual({ code: "NOT_FOUND", fields: ["folderId"] });
    const top = await api.list({ spaceId: ids.public });
    expect(
      await refusalOf(
        api.reorder({
          spaceId: ids.public,
          folderId: null,
          ids: top.items.slice(1).map((i) => i.id),
        }),
      ),
    ).toEqual({ code: "CONFLICT", fields: ["ids"] });
  });

  it("shows a file only once its upload is confirmed; a cancelled upload leaves nothing", async () => {
    const spaceId = ids.public;
    const pending = await upload(callers.moderator, spaceId, { confirm: false, title: "Pending" });
    const listed = async () =>
      (await callers.outsider.resource.list({ spaceId })).items.map((i) => i.id);
    expect(await listed()).not.toContain(pending.itemId);
    expect(await codeOf(callers.outsider.file.downloadUrl({ id: pending.fileId }))).toBe(
      "NOT_FOUND",
    );
    await callers.moderator.file.remove({ id: pending.fileId });
    const [row] = await fx.sql`select 1 from resource_item where id = ${pending.itemId}`;
    expect(row).toBeUndefined();
  });

  it("deletes a file resource with its file, and a folder with everything in it", async () => {
    const api = callers.moderator.resource;
    const spaceId = ids.public;
    const lone = await upload(callers.moderator, spaceId, { title: "Lone" });
    await api.remove({ id: lone.itemId });
    expect(await fx.sql`select 1 from file where id = ${lone.fileId}`).toHaveLength(0);
    expect(await codeOf(callers.owner.file.downloadUrl({ id: lone.fileId }))).toBe("NOT_FOUND");

    const box = await api.createFolder({ spaceId, name: "Box" });
    const inside = await upload(callers.moderator, spaceId, { folderId: box.id });
    const link = await api.addLink({
      spaceId,
      folderId: box.id,
      title: "Inside",
      url: "https://example.com/inside",
    });
    await api.removeFolder({ id: box.id });
    expect(await fx.sql`select 1 from file where id = ${inside.fileId}`).toHaveLength(0);
    expect(
      await fx.sql`select 1 from resource_item where id in (${inside.itemId}, ${link.id})`,
    ).toHaveLength(0);
    expect(await codeOf(api.updateFolder({ id: box.id, name: "Again" }))).toBe("NOT_FOUND");
  });

  it("makes an archived space's resources read-only, still listed for staff", async () => {
    const room = await callers.owner.space.create({
      ...fields,
      name: "Old library",
      slug: "old-library",
      visibility: "public",
    });
    const kept = await upload(callers.moderator, room.id, { title: "Kept" });
    await callers.owner.space.archive({ id: room.id, archived: true });
    const library = await callers.moderator.resource.list({ spaceId: room.id });
    expect([library.archived, library.canManage]).toEqual([true, false]);
    expect(
      await codeOf(
        callers.moderator.resource.addLink({
          spaceId: room.id,
          folderId: null,
          title: "Late",
          url: "https://example.com/",
        }),
      ),
    ).toBe("CONFLICT");
    // Members no longer see an archived space, nor its files.
    expect(await codeOf(callers.outsider.resource.list({ spaceId: room.id }))).toBe("NOT_FOUND");
    expect(await codeOf(callers.outsider.file.downloadUrl({ id: kept.fileId }))).toBe("NOT_FOUND");
  });

  it("answers NOT_FOUND for another organization's ids, in the stranger's own organization", async () => {
    const api = callers.stranger.resource;
    expect(await codeOf(api.update({ id: files.public.itemId, title: "x" }))).toBe("NOT_FOUND");
    expect(await codeOf(api.remove({ id: files.public.itemId }))).toBe("NOT_FOUND");
    expect(await codeOf(callers.stranger.file.downloadUrl({ id: files.public.fileId }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("live", () => {
  it("tells whoever sees a private space that its resources changed, and no one else", async () => {
    const spaceId = ids.private;
    const insider = await followEvents(persons.insider, "acme");
    const outsider = await followEvents(persons.outsider, "acme");
    try {
      const changed = { kind: "resource.changed", target: { type: "space", id: spaceId } };
      const link = await callers.moderator.resource.addLink({
        spaceId,
        folderId: null,
        title: "Rota",
        description: "",
        url: "https://example.com/rota",
      });
      expect(await insider.nextOf(["resource."])).toMatchObject(changed);
      // An upload is listed once confirmed: heard then, not when it starts.
      const pending = await upload(callers.moderator, spaceId, { confirm: false });
      await callers.moderator.resource.update({
        id: link.id,
        title: "Rota (new)",
        description: "",
      });
      expect(await insider.nextOf(["resource."])).toMatchObject(changed);
      await callers.moderator.file.confirmUpload({ id: pending.fileId });
      expect(await insider.nextOf(["resource."])).toMatchObject(changed);
      await callers.moderator.resource.remove({ id: link.id });
      expect(await insider.nextOf(["resource."])).toMatchObject(changed);
      // The outsider's first resource event is from the public space, changed after all that.
      await callers.moderator.resource.createFolder({ spaceId: ids.public, name: "Live" });
      expect(await outsider.nextOf(["resource."])).toMatchObject({
        kind: "resource.changed",
        target: { type: "space", id: ids.public },
      });
    } finally {
      insider.close();
      outsider.close();
    }
  });
});

describe("search", () => {
  it("finds resources by title and description words, in the spaces the member sees only", async () => {
    const api = callers.moderator.resource;
    const open = await api.addLink({
      spaceId: ids.public,
      folderId: null,
      title: "Quarterly zephyr report",
      description: "Numbers and charts",
      url: "https://example.com/zephyr",
    });
    const hidden = await api.addLink({
      spaceId: ids.private,
      folderId: null,
      title: "Staff zephyr salaries",
      description: "",
      url: "https://example.com/salaries",
    });
    const found = async (who: Who, q: string) =>
      (await callers[who].search.resources({ q, kind: "resources" })).items.map((i) => i.id);
    expect(await found("outsider", "zephyr")).toEqual([open.id]);
    expect(await found("insider", "zeph")).toEqual([hidden.id, open.id]);
    expect(await found("outsider", "charts zeph")).toEqual([open.id]);
    expect(await found("stranger", "zephyr")).toEqual([]);
    const hit = (await callers.outsider.search.resources({ q: "zephyr", kind: "resources" }))
      .items[0];
    expect(hit?.title.marks.length).toBe(1);
    expect([hit?.url, hit?.space.slug]).toEqual(["https://example.com/zephyr", "library"]);
    // Pages: one at a time, newest first, no overlap.
    const first = await callers.insider.search.resources({
      q: "zephyr",
      kind: "resources",
      limit: 1,
    });
    expect(first.items.map((i) => i.id)).toEqual([hidden.id]);
    const second = await callers.insider.search.resources({
      q: "zephyr",
      kind: "resources",
      limit: 1,
      cursor: first.nextCursor,
    });
    expect(second.items.map((i) => i.id)).toEqual([open.id]);
    expect(second.nextCursor).toBeNull();
    // Renamed: the words follow (the platform's trigger).
    await api.update({ id: open.id, title: "Quarterly report", description: "" });
    expect(await found("outsider", "zephyr")).toEqual([]);
  });
});
