// Files against the real parts: PostgreSQL, the run's s3rver (a bucket of this file's own), the
// job queue. Uploads are PUT to the presigned URLs exactly as a browser sends them.
import { asSystem, createTestClock, file, storageUsage, withTenant } from "@guild/db";
import { createStorage } from "@guild/storage";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCaller } from "../index.ts";
import { advanceJobClock, enqueueForOrganizations } from "../jobs/system.ts";
import { servePublicFile } from "../public-files.ts";
import { fileRules } from "../schemas/file.ts";
import { UNCONFIRMED_UPLOAD_HOURS, UPLOAD_URL_TTL_SECONDS } from "../services/file.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

type Org = Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<Awaited<ReturnType<ApiFixture["signUp"]>>["caller"]>>;

let fx: ApiFixture;
let acme: Org;
let globex: Org;

beforeAll(async () => {
  // Two keys per listing page: the organization purge lists across pages with a few objects.
  fx = await createApiFixture(inject("pgAdminUrl"), { listPageSize: 2 });
  acme = await fx.createOrg("acme", ["member", "admin"], { crmAccess: true });
  globex = await fx.createOrg("globex");
});
afterAll(() => fx.drop());

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A file whose first bytes say PNG, `size` bytes long. */
function png(size = 64): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(PNG_SIGNATURE);
  return bytes;
}
const pdf = (text = "%PDF-1.7\n% a tiny test document\n") => new TextEncoder().encode(text);

/** Where a file is served from. */
const keyOf = (org: Org, fileId: string) => `org/${org.org.id}/${fileId}`;
/** Where the browser uploads it: never served (a presigned PUT can be replayed). */
const uploadKeyOf = (org: Org, fileId: string) => `org/${org.org.id}/uploads/${fileId}`;

/** What a browser does with a File: fetch sets Content-Length from the body. */
function browserPut(url: string, body: Uint8Array, contentType: string) {
  return fetch(url, {
    method: "PUT",
    body: new Blob([body], { type: contentType }),
    headers: { "content-type": contentType, origin: "http://localhost:3999" },
  });
}

async function newLead(api: Caller, name = "Initech") {
  return api.lead.create({ name });
}

/** Starts a lead attachment upload and PUTs `body` to it (as `putType`, default the declared). */
async function attach(
  api: Caller,
  leadId: string,
  declared: { name: string; size: number; contentType: "image/png" | "application/pdf" },
  body: Uint8Array,
  putType: string = declared.contentType,
) {
  const started = await api.lead.startAttachmentUpload({ leadId, ...declared });
  const put = await browserPut(started.upload.url, body, putType);
  expect(put.status).toBe(200);
  return started;
}

/** Starts a PDF attachment upload and PUTs the PDF: the file is pending until confirmed. */
function attachPdf(api: Caller, leadId: string, name = "contract.pdf") {
  const body = pdf();
  return attach(api, leadId, { name, size: body.length, contentType: "application/pdf" }, body);
}

async function uploadAttachment(api: Caller, leadId: string, name = "contract.pdf") {
  const started = await attachPdf(api, leadId, name);
  return api.file.confirmUpload({ id: started.file.id });
}

async function uploadAvatar(api: Caller, bytes = png()) {
  const started = await api.member.startAvatarUpload({
    name: "me.png",
    size: bytes.length,
    contentType: "image/png",
  });
  expect((await browserPut(started.upload.url, bytes, "image/png")).status).toBe(200);
  return api.file.confirmUpload({ id: started.file.id });
}

/** Rows of `file` for an organization, read past RLS. */
async function fileRows(org: Org) {
  return fx.sql<{ id: string; status: string; storage_key: string }[]>`
    select id, status, storage_key from file where organization_id = ${org.org.id}`;
}

async function usageRow(org: Org) {
  const [row] = await fx.sql<{ bytes: string; files: number }[]>`
    select bytes, files from storage_usage where organization_id = ${org.org.id}`;
  return row ? { bytes: Number(row.bytes), files: row.files } : { bytes: 0, files: 0 };
}

/** What the ready rows add up to, and what S3 holds under the organization's prefix. */
async function readySum(org: Org) {
  const [row] = await fx.sql<{ bytes: string; files: string }[]>`
    select coalesce(sum(size), 0) as bytes, count(*) as files from file
    where organization_id = ${org.org.id} and status = 'ready'`;
  return { bytes: Number(row?.bytes), files: Number(row?.files) };
}

describe("uploads", () => {
  it("attaches a file to a lead: presigned PUT, confirm, list, download, usage", async () => {
    const api = await acme.members.member!.caller("acme");
    const lead = await newLead(api);
    const body = pdf();
    const started = await api.lead.startAttachmentUpload({
      leadId: lead.id,
      name: "Résumé «final».pdf",
      size: body.length,
      contentType: "application/pdf",
    });
    const url = new URL(started.upload.url);
    // Type and length are signed (S3, MinIO and R2 refuse any other body), the URL is short-lived,
    // and no checksum of an empty body rides along (real S3 would refuse the upload).
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;content-type;host");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
    expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
    expect(url.pathname).toBe(`/${fx.storage.bucket}/${uploadKeyOf(acme, started.file.id)}`);
    expect(started.upload.headers).toEqual({ "content-type": "application/pdf" });
    expect(started.file.status).toBe("pending");
    // Pending files are nobody's business yet.
    expect(await api.lead.listAttachments({ leadId: lead.id })).toEqual([]);

    expect((await browserPut(started.upload.url, body, "application/pdf")).status).toBe(200);
    // Storage used is for admins.
    expect(await codeOf(api.file.usage())).toBe("FORBIDDEN");
    const ready = await api.file.confirmUpload({ id: started.file.id });
    expect(ready).toMatchObject({ status: "ready", size: body.length, name: "Résumé «final».pdf" });

    const list = await api.lead.listAttachments({ leadId: lead.id });
    expect(list).toEqual([
      expect.objectContaining({
        id: started.file.id,
        name: "Résumé «final».pdf",
        size: body.length,
        contentType: "application/pdf",
        uploaderName: acme.members.member!.name,
      }),
    ]);

    const { url: download, expiresAt } = await api.file.downloadUrl({ id: started.file.id });
    expect(new URL(download).searchParams.get("X-Amz-Expires")).toBe("60");
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    const answer = await fetch(download);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/pdf");
    expect(answer.headers.get("content-disposition")).toBe(
      `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%C2%ABfinal%C2%BB.pdf`,
    );
    expect(new Uint8Array(await answer.arrayBuffer())).toEqual(body);

    const admin = await acme.members.admin!.caller("acme");
    expect(await admin.file.usage()).toEqual(await readySum(acme));
    expect((await admin.file.usage()).files).toBeGreaterThanOrEqual(1);

    // The timeline says who attached what.
    const timeline = await api.lead.timeline({ id: lead.id });
    expect(timeline.items.map((e) => e.type === "activity" && e.action)).toContain(
      "lead.attachment_added",
    );
  });

  it("refuses bad input before anything is stored: size, type, names", async () => {
    const api = await acme.members.member!.caller("acme");
    const lead = await newLead(api);
    const before = await fileRows(acme);
    const good = { leadId: lead.id, name: "a.pdf", size: 10, contentType: "application/pdf" };
    // What a hand-written HTTP client could send, whatever the types say.
    const cases: Array<[Partial<Record<keyof typeof good, string | number>>, string]> = [
      [{ size: fileRules.lead_attachment.maxBytes + 1 }, "size"],
      [{ size: 0 }, "size"],
      [{ size: 1.5 }, "size"],
      [{ contentType: "text/html" }, "contentType"],
      [{ contentType: "image/svg+xml" }, "contentType"],
      [{ name: "../../etc/passwd" }, "name"],
      [{ name: "reports/q3.pdf" }, "name"],
      [{ name: "C:\\Users\\me\\q3.pdf" }, "name"],
      [{ name: "two\nlines.pdf" }, "name"],
      [{ name: "bell\u0007.pdf" }, "name"],
      [{ name: "invoice\u202efdp.exe" }, "name"],
      [{ name: "nul\u0000.pdf" }, "name"],
      [{ name: ".." }, "name"],
      [{ name: "   " }, "name"],
      [{ name: "x".repeat(256) }, "name"],
    ];
    for (const [change, field] of cases) {
      // @ts-expect-error deliberately invalid input
      const refusal = await refusalOf(api.lead.startAttachmentUpload({ ...good, ...change }));
      expect(refusal, JSON.stringify(change)).toEqual({ code: "BAD_REQUEST", fields: [field] });
    }
    // An avatar must be an image, and small.
    expect(
      await refusalOf(
        api.member.startAvatarUpload({ name: "me.pdf", size: 10, contentType: "application/pdf" }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["contentType"] });
    expect(
      await refusalOf(
        api.member.startAvatarUpload({
          name: "me.png",
          size: fileRules.avatar.maxBytes + 1,
          contentType: "image/png",
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["size"] });
    expect(await fileRows(acme)).toEqual(before);
  });

  it.each([
    ["a longer body than announced", png(64), png(4096), "image/png"],
    ["another type than announced", png(64), png(64), "image/gif"],
    ["an HTML page announced as image/png", png(64), null, "image/png"],
  ])(
    "deletes the row and the object of %s, and says why",
    async (_name, announced, sent, putType) => {
      const api = await acme.members.member!.caller("acme");
      const lead = await newLead(api);
      const html = new TextEncoder().encode(
        "<!doctype html><script>alert(document.cookie)</script>".padEnd(announced.length, " "),
      );
      const body = sent ?? html;
      const started = await attach(
        api,
        lead.id,
        { name: "photo.png", size: announced.length, contentType: "image/png" },
        body,
        putType,
      );
      const key = uploadKeyOf(acme, started.file.id);
      // s3rver stored it, whatever was signed.
      expect(await fx.storage.head(key)).not.toBeNull();
      const error = await api.file.confirmUpload({ id: started.file.id }).catch((e: unknown) => e);
      expect(await codeOf(Promise.reject(error))).toBe("BAD_REQUEST");
      expect(String(error)).toMatch(sent === null ? /content is not a PNG image/ : /not the file/);
      expect((await fileRows(acme)).some((r) => r.id === started.file.id)).toBe(false);
      await fx.runJobs();
      expect(await fx.storage.head(key)).toBeNull();
      expect(await api.lead.listAttachments({ leadId: lead.id })).toEqual([]);
    },
  );

  it("refuses a confirmation of an upload that never arrived, and removes its row", async () => {
    const api = await acme.members.member!.caller("acme");
    const lead = await newLead(api);
    const started = await api.lead.startAttachmentUpload({
      leadId: lead.id,
      name: "ghost.pdf",
      size: 100,
      contentType: "application/pdf",
    });
    expect(await codeOf(api.file.confirmUpload({ id: started.file.id }))).toBe("BAD_REQUEST");
    expect((await fileRows(acme)).some((r) => r.id === started.file.id)).toBe(false);
  });

  it("confirms once: twice in a row or at the same time, the others get CONFLICT", async () => {
    const api = await acme.members.member!.caller("acme");
    const lead = await newLead(api);
    const body = pdf();
    const one = await attachPdf(api, lead.id, "one.pdf");
    await api.file.confirmUpload({ id: one.file.id });
    expect(await codeOf(api.file.confirmUpload({ id: one.file.id }))).toBe("CONFLICT");

    const two = await attach(
      api,
      lead.id,
      { name: "two.pdf", size: body.length, contentType: "application/pdf" },
      body,
    );
    const codes = await Promise.all(
      Array.from({ length: 4 }, () => codeOf(api.file.confirmUpload({ id: two.file.id }))),
    );
    expect(codes.sort()).toEqual(["CONFLICT", "CONFLICT", "CONFLICT", "OK"]);
    expect(await api.lead.listAttachments({ leadId: lead.id })).toHaveLength(2);
  });

  it("gives nobody else a pending upload: confirm and remove are NOT_FOUND", async () => {
    const uploader = await acme.members.member!.caller("acme");
    const admin = await acme.members.admin!.caller("acme");
    const lead = await newLead(uploader);
    const started = await attachPdf(uploader, lead.id, "mine.pdf");
    expect(await codeOf(admin.file.confirmUpload({ id: started.file.id }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.file.remove({ id: started.file.id }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.file.downloadUrl({ id: started.file.id }))).toBe("NOT_FOUND");
    // The uploader may cancel their own.
    await uploader.file.remove({ id: started.file.id });
    expect((await fileRows(acme)).some((r) => r.id === started.file.id)).toBe(false);
  });

  it("gives another organization nothing: NOT_FOUND for its files and leads", async () => {
    const api = await acme.members.member!.caller("acme");
    const lead = await newLead(api);
    const ready = await uploadAttachment(api, lead.id);
    const pending = await attachPdf(api, lead.id, "p.pdf");
    const stranger = await globex.owner.caller("globex");
    const before = await fileRows(acme);
    for (const id of [ready.id, pending.file.id]) {
      expect(await codeOf(stranger.file.confirmUpload({ id }))).toBe("NOT_FOUND");
      expect(await codeOf(stranger.file.downloadUrl({ id }))).toBe("NOT_FOUND");
      expect(await codeOf(stranger.file.remove({ id }))).toBe("NOT_FOUND");
    }
    expect(await codeOf(stranger.lead.listAttachments({ leadId: lead.id }))).toBe("NOT_FOUND");
    expect(
      await codeOf(
        stranger.lead.startAttachmentUpload({
          leadId: lead.id,
          name: "planted.pdf",
          size: 10,
          contentType: "application/pdf",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await fileRows(acme)).toEqual(before);
    expect(await fileRows(globex)).toEqual([]);
  });

  it("answers SERVICE_UNAVAILABLE when S3 is unreachable, and keeps the upload to retry", async () => {
    const api = await acme.members.member!.caller("acme");
    const lead = await newLead(api);
    const started = await attachPdf(api, lead.id, "later.pdf");
    const deadStorage = createStorage({
      endpoint: "http://127.0.0.1:9",
      bucket: fx.storage.bucket,
      region: "us-east-1",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
    });
    try {
      const offline = await createCaller(
        { ...fx.deps, storage: deadStorage },
        { headers: new Headers({ cookie: acme.members.member!.cookie, "x-guild-org": "acme" }) },
      );
      expect(await codeOf(offline.file.confirmUpload({ id: started.file.id }))).toBe(
        "SERVICE_UNAVAILABLE",
      );
    } finally {
      deadStorage.close();
    }
    expect(await api.file.confirmUpload({ id: started.file.id })).toMatchObject({
      status: "ready",
    });
  });
});

describe("deleting", () => {
  it("lets the uploader and admins delete an attachment, not other members", async () => {
    const uploader = await acme.members.admin!.caller("acme");
    const member = await acme.members.member!.caller("acme");
    const lead = await newLead(member);
    const byMember = await uploadAttachment(member, lead.id, "member.pdf");
    const byAdmin = await uploadAttachment(uploader, lead.id, "admin.pdf");
    expect(await codeOf(member.file.remove({ id: byAdmin.id }))).toBe("FORBIDDEN");
    await member.file.remove({ id: byMember.id });
    await uploader.file.remove({ id: byAdmin.id });
    expect(await member.lead.listAttachments({ leadId: lead.id })).toEqual([]);
    await fx.runJobs();
    expect(await fx.storage.head(keyOf(acme, byMember.id))).toBeNull();
    expect(await fx.storage.head(keyOf(acme, byAdmin.id))).toBeNull();
    const timeline = await member.lead.timeline({ id: lead.id });
    expect(
      timeline.items.filter((e) => e.type === "activity" && e.action === "lead.attachment_removed"),
    ).toHaveLength(2);
  });

  it("keeps lead attachments to the CRM's staff: to anyone else they do not exist", async () => {
    const staff = await acme.members.member!.caller("acme");
    const lead = await newLead(staff);
    const attached = await uploadAttachment(staff, lead.id, "quote.pdf");
    // A member without CRM access, then the same one once the grant is taken back.
    const outsider = await fx.addMember(acme.org.id, "moderator");
    const api = await outsider.caller("acme");
    const answer = (promise: Promise<unknown>) =>
      promise.then(
        () => "OK",
        (e: { code: string; message: string }) => `${e.code}: ${e.message}`,
      );
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const call of [
      (id: string) => api.file.downloadUrl({ id }),
      (id: string) => api.file.remove({ id }),
    ])
      expect(await answer(call(attached.id))).toBe(await answer(call(missing)));
    expect(await answer(api.file.downloadUrl({ id: attached.id }))).toBe(
      "NOT_FOUND: File not found",
    );
    expect(await answer(api.lead.listAttachments({ leadId: lead.id }))).toMatch(/^FORBIDDEN/);
    // A deleted lead's files are gone too, with the same answer, and back with the lead.
    const owner = await acme.owner.caller("acme");
    await owner.lead.remove({ ids: [lead.id] });
    expect(await answer(staff.file.downloadUrl({ id: attached.id }))).toBe(
      "NOT_FOUND: File not found",
    );
    await owner.lead.restore({ ids: [lead.id] });
    expect(await answer(staff.file.downloadUrl({ id: attached.id }))).toBe("OK");
  });

  it("sweeps a replayed upload URL after the row is gone", async () => {
    // A presigned PUT can be sent again until it expires, even after its file was deleted.
    const api = await acme.members.member!.caller("acme");
    const lead = await newLead(api);
    const body = pdf();
    const started = await attachPdf(api, lead.id, "replay.pdf");
    await api.file.confirmUpload({ id: started.file.id });
    await api.file.remove({ id: started.file.id });
    await fx.runJobs();
    const key = uploadKeyOf(acme, started.file.id);
    expect(await fx.storage.head(keyOf(acme, started.file.id))).toBeNull();
    expect(await fx.storage.head(key)).toBeNull();
    expect((await browserPut(started.upload.url, body, "application/pdf")).status).toBe(200);
    expect(await fx.storage.head(key)).not.toBeNull();
    // The trigger queued a second deletion for once the URL has expired.
    await fx.sql`update graphile_worker._private_jobs set run_at = now()
      where task_id = (select id from graphile_worker._private_tasks where identifier = 'storage.delete')`;
    await fx.runJobs();
    expect(await fx.storage.head(key)).toBeNull();
  });

  it("removes a purged lead's attachments and their objects", async () => {
    const api = await acme.members.admin!.caller("acme");
    const lead = await newLead(api, "Soon gone");
    const a = await uploadAttachment(api, lead.id, "a.pdf");
    const b = await uploadAttachment(api, lead.id, "b.pdf");
    await api.lead.remove({ ids: [lead.id] });
    // Soft-deleted: restorable, so the files stay (and stay out of reach).
    expect(await codeOf(api.file.downloadUrl({ id: a.id }))).toBe("NOT_FOUND");
    expect(await fx.storage.head(keyOf(acme, a.id))).not.toBeNull();
    const usage = await usageRow(acme);

    await enqueueForOrganizations(fx.db, "organization.maintenance", [acme.org.id]);
    await fx.runJobs({ clock: createTestClock(31 * 86_400_000) });
    expect((await fileRows(acme)).filter((r) => r.id === a.id || r.id === b.id)).toEqual([]);
    expect(await fx.storage.head(keyOf(acme, a.id))).toBeNull();
    expect(await fx.storage.head(keyOf(acme, b.id))).toBeNull();
    expect(await usageRow(acme)).toEqual({
      bytes: usage.bytes - a.size - b.size,
      files: usage.files - 2,
    });
    expect(await usageRow(acme)).toEqual(await readySum(acme));
  });

  it("removes uploads never confirmed after a day, not before", async () => {
    const api = await acme.members.member!.caller("acme");
    const lead = await newLead(api);
    const started = await attachPdf(api, lead.id, "forgotten.pdf");
    const runMaintenance = async (hours: number) => {
      await enqueueForOrganizations(fx.db, "organization.maintenance", [acme.org.id]);
      await fx.runJobs({ clock: createTestClock(hours * 3_600_000) });
    };
    await runMaintenance(UNCONFIRMED_UPLOAD_HOURS - 1);
    expect((await fileRows(acme)).some((r) => r.id === started.file.id)).toBe(true);
    expect(await fx.storage.head(uploadKeyOf(acme, started.file.id))).not.toBeNull();
    await runMaintenance(UNCONFIRMED_UPLOAD_HOURS + 1);
    expect((await fileRows(acme)).some((r) => r.id === started.file.id)).toBe(false);
    expect(await fx.storage.head(uploadKeyOf(acme, started.file.id))).toBeNull();
  });
});

describe("avatars", () => {
  it("shows a member's picture in the members list and the header, and replaces it", async () => {
    const person = acme.members.member!;
    const api = await person.caller("acme");
    const first = await uploadAvatar(api);
    const listed = (await api.member.list()).items.find((m) => m.id === person.memberId);
    expect(listed?.avatarUrl).toBe(`/api/files/${acme.org.id}/${first.id}`);
    expect((await api.organization.current()).membership.avatarUrl).toBe(listed?.avatarUrl);

    const usage = await usageRow(acme);
    const second = await uploadAvatar(api, png(128));
    expect((await api.organization.current()).membership.avatarFileId).toBe(second.id);
    expect((await fileRows(acme)).some((r) => r.id === first.id)).toBe(false);
    expect(await usageRow(acme)).toEqual({ bytes: usage.bytes - 64 + 128, files: usage.files });
    await fx.runJobs();
    expect(await fx.storage.head(keyOf(acme, first.id))).toBeNull();
    expect(await fx.storage.head(keyOf(acme, second.id))).not.toBeNull();
  });

  it("serves public files at a stable URL with caching, and nothing else", async () => {
    const api = await acme.members.admin!.caller("acme");
    const avatar = await uploadAvatar(api);
    const lead = await newLead(api);
    const attachment = await uploadAttachment(api, lead.id);
    const serve = (organizationId: string, fileId: string, headers: Record<string, string> = {}) =>
      servePublicFile(fx.deps, new Request("http://app/x", { headers }), {
        organizationId,
        fileId,
      });

    const answer = await serve(acme.org.id, avatar.id);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("image/png");
    expect(answer.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(answer.headers.get("content-length")).toBe("64");
    const etag = answer.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    expect(new Uint8Array(await answer.arrayBuffer())).toEqual(png());

    const again = await serve(acme.org.id, avatar.id, { "if-none-match": etag ?? "" });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    // A private file, another organization's path, a malformed id: all the same 404.
    for (const [org, id] of [
      [acme.org.id, attachment.id],
      [globex.org.id, avatar.id],
      [acme.org.id, "not-a-uuid"],
      ["../..", avatar.id],
    ] as const)
      expect((await serve(org, id)).status, `${org}/${id}`).toBe(404);
  });

  it("lets an admin remove a member's picture, and nobody else", async () => {
    const owner = await acme.owner.caller("acme");
    const avatar = await uploadAvatar(owner);
    const member = await acme.members.member!.caller("acme");
    expect(await codeOf(member.file.remove({ id: avatar.id }))).toBe("FORBIDDEN");
    const admin = await acme.members.admin!.caller("acme");
    await admin.file.remove({ id: avatar.id });
    expect((await owner.organization.current()).membership.avatarUrl).toBeNull();
  });

  it("removes a departing member's picture and its object", async () => {
    const leaving = await fx.signUp("Leaving soon");
    const owner = await acme.owner.caller("acme");
    await fx.sql`insert into member (organization_id, user_id, role)
      values (${acme.org.id}, ${leaving.id}, 'member')`;
    const api = await leaving.caller("acme");
    const avatar = await uploadAvatar(api);
    const usage = await usageRow(acme);
    const [row] = await fx.sql<{ id: string }[]>`
      select id from member where organization_id = ${acme.org.id} and user_id = ${leaving.id}`;
    await owner.member.remove({ id: row!.id });
    expect((await fileRows(acme)).some((r) => r.id === avatar.id)).toBe(false);
    expect(await usageRow(acme)).toEqual({ bytes: usage.bytes - 64, files: usage.files - 1 });
    await fx.runJobs();
    expect(await fx.storage.head(keyOf(acme, avatar.id))).toBeNull();
  });
});

describe("replayed upload URLs", () => {
  /** The key a presigned PUT URL writes to (path-style: /<bucket>/<key>). */
  const keyOfUrl = (url: string) =>
    decodeURIComponent(new URL(url).pathname).slice(`/${fx.storage.bucket}/`.length);
  /** An HTML page the size of `size`, sent as image/png: what a replay would swap in. */
  const htmlPage = (size: number) =>
    new TextEncoder().encode("<script>alert(document.domain)</script>".padEnd(size, " "));

  it("never changes what was confirmed: download and public URL keep the inspected bytes", async () => {
    const api = await acme.members.member!.caller("acme");
    const original = png();
    const started = await api.member.startAvatarUpload({
      name: "me.png",
      size: original.length,
      contentType: "image/png",
    });
    expect((await browserPut(started.upload.url, original, "image/png")).status).toBe(200);
    await api.file.confirmUpload({ id: started.file.id });
    // The URL is still valid (5 minutes): its holder sends other bytes of the same size and type.
    const swapped = htmlPage(original.length);
    expect((await browserPut(started.upload.url, swapped, "image/png")).status).toBe(200);

    const { url } = await api.file.downloadUrl({ id: started.file.id });
    expect(new Uint8Array(await (await fetch(url)).arrayBuffer())).toEqual(original);
    const served = await servePublicFile(fx.deps, new Request("http://app/x"), {
      organizationId: acme.org.id,
      fileId: started.file.id,
    });
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(original);
    // The upload object nobody serves is never the served one.
    expect(keyOfUrl(started.upload.url)).not.toBe(keyOf(acme, started.file.id));
  });

  it("removes what a replay leaves once the URL has expired", async () => {
    const api = await acme.members.member!.caller("acme");
    const lead = await newLead(api);
    const body = pdf();
    const started = await attachPdf(api, lead.id, "replayed.pdf");
    await api.file.confirmUpload({ id: started.file.id });
    const uploadKey = keyOfUrl(started.upload.url);
    expect(await fx.storage.head(uploadKey)).toBeNull();
    expect((await browserPut(started.upload.url, body, "application/pdf")).status).toBe(200);
    expect(await fx.storage.head(uploadKey)).not.toBeNull();
    // The URL still works for a while: the cleanup waits for it to expire.
    await fx.runJobs();
    expect(await fx.storage.head(uploadKey)).not.toBeNull();
    await advanceJobClock(fx.db, createTestClock(0), (UPLOAD_URL_TTL_SECONDS + 10 * 60) * 1000);
    await fx.runJobs();
    expect(await fx.storage.head(uploadKey)).toBeNull();
    // The confirmed file is untouched.
    expect(await fx.storage.head(keyOf(acme, started.file.id))).not.toBeNull();
    expect(await api.lead.listAttachments({ leadId: lead.id })).toHaveLength(1);
  });
});

describe("storage used", () => {
  it("stays exact under concurrent confirmations and deletions", async () => {
    const api = await acme.members.admin!.caller("acme");
    const lead = await newLead(api);
    const sizes = [100, 200, 300, 400, 500, 600, 700, 800];
    const started = await Promise.all(
      sizes.map((size, i) =>
        attach(api, lead.id, { name: `f${i}.png`, size, contentType: "image/png" }, png(size)),
      ),
    );
    const earlier = await uploadAttachment(api, lead.id, "earlier.pdf");
    await Promise.all([
      ...started.map((s) => api.file.confirmUpload({ id: s.file.id })),
      api.file.remove({ id: earlier.id }),
    ]);
    const usage = await api.file.usage();
    expect(usage).toEqual(await readySum(acme));
    expect(usage).toEqual(await usageRow(acme));
    await fx.runJobs();
    // And it is what S3 holds for the organization.
    expect(await fx.storage.usage(`org/${acme.org.id}/`)).toEqual({
      bytes: usage.bytes,
      objects: usage.files,
    });
  });
});

describe("deleting an organization", () => {
  it("leaves no object behind: its files' keys at once, then its whole prefix", async () => {
    const doomed = await fx.createOrg("doomed", ["member"]);
    const owner = await doomed.owner.caller("doomed");
    const lead = await newLead(owner);
    for (let i = 0; i < 3; i++) await uploadAttachment(owner, lead.id, `f${i}.pdf`);
    await uploadAvatar(await doomed.members.member!.caller("doomed"));
    const body = pdf();
    // Pending, and an object with no row at all (as a replayed URL would leave).
    await attachPdf(owner, lead.id, "pending.pdf");
    await fx.storage.put(`org/${doomed.org.id}/stray`, body, "application/pdf");
    const prefix = `org/${doomed.org.id}/`;
    expect((await fx.storage.usage(prefix)).objects).toBe(6);

    await owner.organization.remove({ confirmName: doomed.org.name });
    expect(await fileRows(doomed)).toEqual([]);
    await fx.runJobs();
    expect(await fx.storage.usage(prefix)).toEqual({ bytes: 1 * body.length, objects: 1 });
    // The prefix sweep waits until every upload URL it handed out has expired.
    await fx.sql`update graphile_worker._private_jobs set run_at = now()`;
    await fx.runJobs();
    expect(await fx.storage.usage(prefix)).toEqual({ bytes: 0, objects: 0 });
    // Nothing of the other organizations went with it.
    expect((await fx.storage.usage(`org/${acme.org.id}/`)).objects).toBeGreaterThan(0);
  });
});

describe("row-level security", () => {
  it("keeps file and storage_usage rows to their organization", async () => {
    const seen = await withTenant(fx.db, asSystem(globex.org.id, "test"), async ({ db }) => ({
      files: await db.select().from(file),
      usage: await db.select().from(storageUsage),
    }));
    expect(seen).toEqual({ files: [], usage: [] });
  });
});
