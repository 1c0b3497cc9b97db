// Certificates through the procedures, on a real database: completing a course's last lesson
// issues one certificate, once, even when the last lesson completes twice at once; its member
// (and admins) read it, no other member or organization does; anyone verifies it by its id,
// signed out; once an admin revokes it (with a reason) the verification says so and when, never
// why; an unknown or malformed id is one NOT_FOUND. Admins list the organization's certificates a
// page at a time, by course and by name, revoked ones included.
// The PDF is rendered to an image with MuPDF (WASM): the page has ink, and its text holds the
// member's name (accents and Greek included), the course and the organization.
import { writeFileSync } from "node:fs";
import { certificate, eq } from "@guild/db";
import * as mupdf from "mupdf";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { renderCertificatePdf } from "../exports/certificate-pdf.ts";
import { type ApiFixture, codeOf, createCommunityFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let callers: Awaited<ReturnType<typeof createCommunityFixture>>["callers"];
let persons: Awaited<ReturnType<typeof createCommunityFixture>>["persons"];
let spaces: Awaited<ReturnType<typeof createCommunityFixture>>["ids"];
const missing = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  ({
    fx,
    callers,
    persons,
    ids: spaces,
  } = await createCommunityFixture(inject("pgAdminUrl"), {
    type: "course",
    slugs: { public: "academy", private: "staff-academy", paid: "gold-academy" },
  }));
});
afterAll(() => fx.drop());

/** A published free course in the public course space with `n` published lessons. */
async function course(slug: string, n: number) {
  const api = callers.moderator;
  const made = await api.course.create({
    spaceId: spaces.public,
    title: `Course ${slug}`,
    slug,
    description: "",
    access: "free",
    tierIds: [],
  });
  const part = await api.course.createModule({ courseId: made.id, title: "Part" });
  const lessonIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const lesson = await api.lesson.create({ moduleId: part.id, title: `Lesson ${i + 1}` });
    await api.lesson.setStatus({ id: lesson.id, status: "published" });
    lessonIds.push(lesson.id);
  }
  await api.course.setStatus({ id: made.id, status: "published" });
  return { id: made.id, lessonIds };
}

describe("issuing", () => {
  it("issues one certificate when the last lesson completes, even twice at once", async () => {
    const made = await course("biology-101", 2);
    const api = callers.outsider;
    await api.course.enroll({ id: made.id });
    await api.lesson.complete({ id: made.lessonIds[0]! });
    expect(await api.certificate.mine()).toEqual([]);
    await Promise.all([
      api.lesson.complete({ id: made.lessonIds[1]! }),
      api.lesson.complete({ id: made.lessonIds[1]! }),
    ]);
    const rows = await fx.db.select().from(certificate).where(eq(certificate.courseId, made.id));
    expect(rows).toHaveLength(1);
    const mine = await api.certificate.mine();
    expect(mine).toHaveLength(1);
    const [cert] = mine;
    expect(cert).toMatchObject({
      courseId: made.id,
      courseTitle: "Course biology-101",
      organizationName: "Org acme",
      recipientName: "outsider",
      revokedAt: null,
      verifyPath: `/certificates/${cert!.id}`,
      downloadPath: `/api/certificates/${cert!.id}.pdf?org=acme`,
    });
    // The id is a random uuid (version 4): nothing to guess from.
    expect(cert!.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(await api.certificate.get({ id: cert!.id })).toEqual(cert);
  });

  it("gives none for a course not completed, and none to a member who did not finish it", async () => {
    const made = await course("chemistry-101", 2);
    await callers.insider.course.enroll({ id: made.id });
    await callers.insider.lesson.complete({ id: made.lessonIds[0]! });
    expect(
      (await callers.insider.certificate.mine()).filter((c) => c.courseId === made.id),
    ).toEqual([]);
  });
});

describe("who reads a certificate", () => {
  let id = "";
  beforeAll(async () => {
    const made = await course("physics-101", 1);
    await callers.payer.course.enroll({ id: made.id });
    await callers.payer.lesson.complete({ id: made.lessonIds[0]! });
    const [cert] = await callers.payer.certificate.mine();
    id = cert!.id;
  });

  it("shows it to its member and to admins, to nobody else: NOT_FOUND as for no such id", async () => {
    expect((await callers.payer.certificate.get({ id })).recipientName).toBe("payer");
    expect((await callers.owner.certificate.get({ id })).recipientName).toBe("payer");
    const none = await refusalOf(callers.insider.certificate.get({ id: missing }));
    expect(none?.code).toBe("NOT_FOUND");
    for (const api of [callers.insider, callers.moderator])
      expect(await refusalOf(api.certificate.get({ id }))).toEqual(none);
    // Another organization: its own member, in their own organization or naming acme.
    const intruder = await persons.stranger.caller("acme");
    expect(await codeOf(intruder.certificate.get({ id }))).toBe("NOT_FOUND");
    expect(await codeOf(callers.stranger.certificate.get({ id }))).toBe("NOT_FOUND");
    expect(await callers.stranger.certificate.mine()).toEqual([]);
  });

  it("lets anyone verify it, signed out: who completed what, where and when", async () => {
    const visitor = await fx.anonymous();
    const verified = await visitor.certificateVerification.get({ id });
    expect(verified).toMatchObject({
      id,
      recipientName: "payer",
      courseTitle: "Course physics-101",
      organizationName: "Org acme",
      organizationSlug: "acme",
    });
    expect(verified.completedAt).toBeInstanceOf(Date);
    expect(verified.revokedAt).toBeNull();
    expect(Object.keys(verified).sort()).toEqual(
      [
        "completedAt",
        "courseTitle",
        "id",
        "issuedAt",
        "organizationName",
        "organizationSlug",
        "recipientName",
        "revokedAt",
      ].sort(),
    );
    // Unknown, malformed: one answer.
    const unknown = await refusalOf(visitor.certificateVerification.get({ id: missing }));
    expect(unknown?.code).toBe("NOT_FOUND");
    expect(await refusalOf(visitor.certificateVerification.get({ id: "not-an-id" }))).toEqual(
      unknown,
    );
  });

  it("lets admins revoke it with a reason (members may not): its verification then says revoked, never why", async () => {
    const reason = "Completed with another member's account";
    expect(await codeOf(callers.moderator.certificate.revoke({ id, reason }))).toBe("FORBIDDEN");
    expect(await codeOf(callers.owner.certificate.revoke({ id, reason: "   " }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(callers.owner.certificate.revoke({ id, reason: "x".repeat(501) }))).toBe(
      "BAD_REQUEST",
    );
    const visitor = await fx.anonymous();
    expect((await visitor.certificateVerification.get({ id })).revokedAt).toBeNull();
    const revoked = await callers.owner.certificate.revoke({ id, reason });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await codeOf(callers.owner.certificate.revoke({ id, reason }))).toBe("CONFLICT");
    const verified = await visitor.certificateVerification.get({ id });
    expect(verified.revokedAt).toEqual(revoked.revokedAt);
    expect(JSON.stringify(verified)).not.toContain("another member");
    const [listed] = (await callers.owner.certificate.list({ search: "payer" })).items.filter(
      (c) => c.id === id,
    );
    expect(listed).toMatchObject({ revokedReason: reason, revokedByName: "Owner of acme" });
    expect(listed?.revokedAt).toEqual(revoked.revokedAt);
    // The member no longer has it nor its PDF; the audit log names the revocation.
    expect(await callers.payer.certificate.mine()).toEqual([]);
    expect(await codeOf(callers.payer.certificate.get({ id }))).toBe("NOT_FOUND");
    const log = await callers.owner.activity.list({});
    expect(log.items.some((e) => e.action === "certificate.revoked" && e.targetId === id)).toBe(
      true,
    );
  });
});

describe("the admins' list", () => {
  let algebra: Awaited<ReturnType<typeof course>>;
  let geometry: Awaited<ReturnType<typeof course>>;
  beforeAll(async () => {
    algebra = await course("algebra-101", 1);
    geometry = await course("geometry-101", 1);
    for (const api of [callers.insider, callers.moderator, callers.outsider]) {
      for (const made of [algebra, geometry]) {
        await api.course.enroll({ id: made.id });
        await api.lesson.complete({ id: made.lessonIds[0]! });
      }
    }
  });

  it("pages through every certificate newest first, each once, by course and by name", async () => {
    const all: string[] = [];
    let cursor: { issuedAt: Date; id: string } | null = null;
    for (let page = 0; page < 20; page++) {
      const got: Awaited<ReturnType<typeof callers.owner.certificate.list>> =
        await callers.owner.certificate.list({ limit: 2, cursor });
      expect(got.items.length).toBeLessThanOrEqual(2);
      all.push(...got.items.map((c) => c.id));
      cursor = got.nextCursor;
      if (!cursor) break;
    }
    const rows = await fx.db.select({ id: certificate.id }).from(certificate);
    const acme = (await callers.owner.certificate.list({ limit: 100 })).items;
    expect(all).toEqual(acme.map((c) => c.id));
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(6);
    // Another organization's are not among them (the table holds them too).
    expect(rows.length).toBeGreaterThanOrEqual(all.length);
    for (let i = 1; i < acme.length; i++)
      expect(acme[i - 1]!.issuedAt.getTime()).toBeGreaterThanOrEqual(acme[i]!.issuedAt.getTime());

    const ofAlgebra = await callers.owner.certificate.list({ courseId: algebra.id });
    expect(ofAlgebra.items.map((c) => c.recipientName).sort()).toEqual(
      ["insider", "moderator of acme", "outsider"].sort(),
    );
    expect(ofAlgebra.items.every((c) => c.courseTitle === "Course algebra-101")).toBe(true);
    const insiders = await callers.owner.certificate.list({ search: "  INSID " });
    expect(insiders.items.length).toBeGreaterThanOrEqual(2);
    expect(insiders.items.every((c) => c.recipientName === "insider")).toBe(true);
    const both = await callers.owner.certificate.list({ courseId: geometry.id, search: "mod" });
    expect(both.items.map((c) => [c.recipientName, c.courseId])).toEqual([
      ["moderator of acme", geometry.id],
    ]);
    // LIKE's wildcards are plain characters to the search.
    expect((await callers.owner.certificate.list({ search: "%" })).items).toEqual([]);
    expect(both.items[0]).toMatchObject({
      revokedAt: null,
      revokedReason: null,
      verifyPath: `/certificates/${both.items[0]!.id}`,
    });
  });

  it("is the admins': moderators and members are refused, another organization sees its own", async () => {
    for (const api of [callers.moderator, callers.outsider, callers.insider])
      expect(await codeOf(api.certificate.list({}))).toBe("FORBIDDEN");
    expect(await codeOf(callers.owner.certificate.list({ search: "x".repeat(101) }))).toBe(
      "BAD_REQUEST",
    );
    expect((await callers.stranger.certificate.list({})).items).toEqual([]);
  });
});

describe("the PDF", () => {
  it("renders a page with ink whose text names the member, the course, the organization and the date", async () => {
    const bytes = await renderCertificatePdf({
      id: missing,
      recipientName: "Zoë Ωμέγα-Дмитрий",
      courseTitle: "Cell Biology: The Basics",
      organizationName: "Acme Academy",
      completedAt: new Date("2026-12-04T10:00:00Z"),
      verifyUrl: `http://localhost:3000/certificates/${missing}`,
    });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const doc = mupdf.Document.openDocument(bytes, "application/pdf");
    expect(doc.countPages()).toBe(1);
    const page = doc.loadPage(0);
    const pixmap = page.toPixmap(mupdf.Matrix.scale(1, 1), mupdf.ColorSpace.DeviceRGB, false);
    const pixels = pixmap.getPixels();
    // A4 landscape at 72 dpi (CERTIFICATE_PNG=<file> keeps the picture to look at).
    expect(Math.abs(pixmap.getWidth() - 842)).toBeLessThanOrEqual(1);
    expect(Math.abs(pixmap.getHeight() - 595)).toBeLessThanOrEqual(1);
    if (process.env.CERTIFICATE_PNG) writeFileSync(process.env.CERTIFICATE_PNG, pixmap.asPNG());
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 3)
      if ((pixels[i] ?? 255) < 128 && (pixels[i + 1] ?? 255) < 128 && (pixels[i + 2] ?? 255) < 128)
        inked++;
    const share = inked / (pixels.length / 3);
    // Text and the frame: some of the page, far from all of it.
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.5);
    const text = page.toStructuredText("preserve-whitespace").asText().replace(/\s+/g, " ");
    expect(text).toContain("Zoë Ωμέγα-Дмитрий");
    expect(text).toContain("Cell Biology: The Basics");
    expect(text).toContain("Acme Academy");
    expect(text).toContain("4 December 2026");
    expect(text).toContain(`/certificates/${missing}`);
  });
});
