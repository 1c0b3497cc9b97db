// Certificates through the procedures, on a real database: completing a course's last lesson
// issues one certificate, once, even when the last lesson completes twice at once; its member
// (and admins) read it, no other member or organization does; anyone verifies it by its id,
// signed out, until an admin revokes it; an unknown, malformed or revoked id is one NOT_FOUND.
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
    expect(Object.keys(verified).sort()).toEqual(
      [
        "completedAt",
        "courseTitle",
        "id",
        "issuedAt",
        "organizationName",
        "organizationSlug",
        "recipientName",
      ].sort(),
    );
    // Unknown, malformed: one answer.
    const unknown = await refusalOf(visitor.certificateVerification.get({ id: missing }));
    expect(unknown?.code).toBe("NOT_FOUND");
    expect(await refusalOf(visitor.certificateVerification.get({ id: "not-an-id" }))).toEqual(
      unknown,
    );
  });

  it("lets admins revoke it (members may not): then it verifies and lists as if it never was", async () => {
    expect(await codeOf(callers.moderator.certificate.revoke({ id }))).toBe("FORBIDDEN");
    const revoked = await callers.owner.certificate.revoke({ id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await codeOf(callers.owner.certificate.revoke({ id }))).toBe("CONFLICT");
    const visitor = await fx.anonymous();
    expect(await refusalOf(visitor.certificateVerification.get({ id }))).toEqual(
      await refusalOf(visitor.certificateVerification.get({ id: missing })),
    );
    expect(await callers.payer.certificate.mine()).toEqual([]);
    expect(await codeOf(callers.payer.certificate.get({ id }))).toBe("NOT_FOUND");
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
