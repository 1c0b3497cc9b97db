// Certificates over real HTTP: the demo's admin publishes a one-lesson course, its member
// completes it and downloads the certificate's PDF (GET /api/certificates/<id>.pdf?org=demo, her
// session's cookie); signed out, or as a member of another organization (naming the demo or
// their own), the same URL is 404. The public verification answers anyone, signed out, over
// tRPC's GET, and 404 for an id that does not exist.
import { DEMO_PASSWORD } from "@guild/db/seed";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  Browser,
  createServerFixture,
  readJson,
  signIn,
  signUpVerified,
  trpcEnvelope,
  trpcQueryPath,
  uniqueEmail,
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

async function call<T extends z.ZodType>(
  tab: Browser,
  path: string,
  input: unknown,
  shape: T,
  kind: "query" | "mutation" = "mutation",
) {
  const response =
    kind === "query"
      ? await tab.request(trpcQueryPath(path, input), { headers: demo })
      : await tab.post(`/api/trpc/${path}`, { json: input }, demo);
  return shape.parse((await readJson(response, trpcEnvelope)).result.data.json);
}

const id = z.object({ id: z.string() });
const certificates = z.array(
  z.object({ id: z.string(), courseTitle: z.string(), downloadPath: z.string() }),
);

describe("a certificate over HTTP", () => {
  it("is downloaded as a PDF by its member only, and verified by anyone", async () => {
    const room = await call(
      admin,
      "space.create",
      {
        name: "Certified courses",
        slug: "certified-courses",
        description: "",
        icon: "",
        type: "course",
        visibility: "public",
        section: "",
      },
      id,
    );
    const made = await call(
      admin,
      "course.create",
      {
        spaceId: room.id,
        title: "Pottery for beginners",
        slug: "pottery-for-beginners",
        description: "",
        access: "free",
        tierIds: [],
      },
      id,
    );
    const part = await call(admin, "course.createModule", { courseId: made.id, title: "Clay" }, id);
    const lesson = await call(admin, "lesson.create", { moduleId: part.id, title: "Wedging" }, id);
    await call(admin, "lesson.setStatus", { id: lesson.id, status: "published" }, id);
    await call(admin, "course.setStatus", { id: made.id, status: "published" }, id);
    await call(mia, "course.enroll", { id: made.id }, z.unknown());
    await call(
      mia,
      "lesson.complete",
      { id: lesson.id },
      z.object({ courseCompleted: z.boolean() }),
    );
    const mine = await call(mia, "certificate.mine", undefined, certificates, "query");
    const cert = mine.find((c) => c.courseTitle === "Pottery for beginners");
    if (!cert) throw new Error("no certificate for the completed course");

    const pdf = await mia.request(cert.downloadPath);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain(
      'filename="certificate-pottery-for-beginners.pdf"',
    );
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");

    // Signed out; a member of another organization, naming the demo or their own.
    const visitor = new Browser(fx.server.url, { ip: uniqueIp() });
    expect((await visitor.request(cert.downloadPath)).status).toBe(404);
    const stranger = new Browser(fx.server.url, { ip: uniqueIp() });
    const email = uniqueEmail("certificate-stranger");
    await signUpVerified(stranger, fx.database, {
      name: "Stranger",
      email,
      password: "stranger-pass-123",
    });
    await stranger.post(
      "/api/trpc/me.organizations.create",
      { json: { name: "Elsewhere", slug: "elsewhere-certs" } },
      {},
    );
    expect((await stranger.request(cert.downloadPath)).status).toBe(404);
    const ownOrg = cert.downloadPath.replace("org=demo", "org=elsewhere-certs");
    const refused = await stranger.request(ownOrg);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toBe("Certificate not found\n");
    // Not a PDF name at all.
    expect((await mia.request(`/api/certificates/${cert.id}?org=demo`)).status).toBe(404);

    // The public verification, signed out, over tRPC's GET.
    const verified = await visitor.request(
      trpcQueryPath("certificateVerification.get", { id: cert.id }),
    );
    expect(verified.status).toBe(200);
    const facts = z
      .object({ recipientName: z.string(), courseTitle: z.string(), organizationName: z.string() })
      .parse((await readJson(verified, trpcEnvelope)).result.data.json);
    expect(facts.courseTitle).toBe("Pottery for beginners");
    expect(facts.organizationName.length).toBeGreaterThan(0);
    const unknown = await visitor.request(
      trpcQueryPath("certificateVerification.get", { id: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(unknown.status).toBe(404);
  });
});
