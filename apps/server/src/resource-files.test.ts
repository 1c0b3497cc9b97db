// A resources space's file over real HTTP: an admin of the demo makes a private resources space,
// uploads a PDF to it from the app's origin (presigned PUT, confirmation), and the file's
// download is authorized by the space's visibility: a member who cannot see the space gets
// NOT_FOUND for the file, exactly as for an id that exists nowhere; added to the space, the same
// member downloads the bytes; removed again, NOT_FOUND again.
import { DEMO_PASSWORD } from "@guild/db/seed";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  Browser,
  createServerFixture,
  readJson,
  signIn,
  trpcEnvelope,
  trpcQueryPath,
  uniqueIp,
} from "./testing.ts";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
let admin: Browser;
let mia: Browser;
const demo = { "x-guild-org": "demo" };

beforeAll(async () => {
  fx = await createServerFixture(inject("pgAdminUrl"));
  admin = new Browser(fx.server.url, { ip: uniqueIp() });
  mia = new Browser(fx.server.url, { ip: uniqueIp() });
  expect((await signIn(admin, "admin@demo.guild", DEMO_PASSWORD)).status).toBe(200);
  expect((await signIn(mia, "member@demo.guild", DEMO_PASSWORD)).status).toBe(200);
});
afterAll(() => fx.close());

const refusal = z.object({
  error: z.object({ json: z.object({ data: z.object({ code: z.string() }) }) }),
});

async function query<T extends z.ZodType>(tab: Browser, path: string, input: unknown, shape: T) {
  const response = await tab.request(trpcQueryPath(path, input), { headers: demo });
  return shape.parse((await readJson(response, trpcEnvelope)).result.data.json);
}

async function mutate<T extends z.ZodType>(tab: Browser, path: string, input: unknown, shape: T) {
  const response = await tab.post(`/api/trpc/${path}`, { json: input }, demo);
  return shape.parse((await readJson(response, trpcEnvelope)).result.data.json);
}

/** A refused query's HTTP status and tRPC code. */
async function refused(tab: Browser, path: string, input: unknown) {
  const response = await tab.request(trpcQueryPath(path, input), { headers: demo });
  return {
    status: response.status,
    code: (await readJson(response, refusal)).error.json.data.code,
  };
}

const id = z.object({ id: z.string() });

describe("a resource file over HTTP", () => {
  it("is downloaded only by those who see its space", async () => {
    const library = await mutate(
      admin,
      "space.create",
      {
        name: "Staff handbook",
        slug: "staff-handbook",
        description: "",
        icon: "",
        type: "resources",
        visibility: "private",
        section: "",
      },
      id,
    );
    const body = new TextEncoder().encode("%PDF-1.7\n% the staff handbook\n");
    const started = await mutate(
      admin,
      "resource.startFileUpload",
      {
        spaceId: library.id,
        folderId: null,
        title: "Handbook",
        description: "",
        name: "handbook.pdf",
        size: body.length,
        contentType: "application/pdf",
      },
      z.object({
        item: id,
        file: id,
        upload: z.object({ url: z.string(), headers: z.record(z.string(), z.string()) }),
      }),
    );
    // Straight to storage, from the app's origin, as the browser sends it.
    const put = await fetch(started.upload.url, {
      method: "PUT",
      body: new Blob([body], { type: "application/pdf" }),
      headers: { ...started.upload.headers, origin: fx.server.url },
    });
    expect(put.status).toBe(200);
    await mutate(
      admin,
      "file.confirmUpload",
      { id: started.file.id },
      z.object({ status: z.literal("ready") }),
    );

    // Mia is not in the private space: the space, its list and its file do not exist for her.
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(await refused(mia, "file.downloadUrl", { id: started.file.id })).toEqual(
      await refused(mia, "file.downloadUrl", { id: missing }),
    );
    expect(await refused(mia, "file.downloadUrl", { id: started.file.id })).toEqual({
      status: 404,
      code: "NOT_FOUND",
    });
    expect(await refused(mia, "resource.list", { spaceId: library.id })).toEqual({
      status: 404,
      code: "NOT_FOUND",
    });

    // Added to the space, she lists the file and downloads its bytes.
    const members = await query(
      admin,
      "member.list",
      { limit: 100 },
      z.object({ items: z.array(z.object({ id: z.string(), email: z.string().nullable() })) }),
    );
    const miaId = members.items.find((m) => m.email === "member@demo.guild")?.id;
    if (!miaId) throw new Error("Mia is not in the demo");
    await mutate(admin, "space.addMember", { spaceId: library.id, memberId: miaId }, z.unknown());
    const listed = await query(
      mia,
      "resource.list",
      { spaceId: library.id },
      z.object({ items: z.array(z.object({ id: z.string(), file: id.nullable() })) }),
    );
    expect(listed.items.map((i) => i.file?.id)).toEqual([started.file.id]);
    const link = await query(
      mia,
      "file.downloadUrl",
      { id: started.file.id },
      z.object({ url: z.string() }),
    );
    const download = await fetch(link.url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain("handbook.pdf");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(body);

    // Removed again: NOT_FOUND again, and a resource file has no public URL.
    await mutate(
      admin,
      "space.removeMember",
      { spaceId: library.id, memberId: miaId },
      z.unknown(),
    );
    expect((await refused(mia, "file.downloadUrl", { id: started.file.id })).code).toBe(
      "NOT_FOUND",
    );
    const organization = await query(admin, "organization.current", undefined, id);
    expect((await admin.request(`/api/files/${organization.id}/${started.file.id}`)).status).toBe(
      404,
    );
  });
});
