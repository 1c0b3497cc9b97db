// A certificate as a PDF (issue 12 §2), made with pdfkit on each download: a page is a few
// milliseconds to draw, so nothing is stored. GET /api/certificates/<id>.pdf?org=<slug> goes
// through certificate.get with the request's session (download.ts), so the PDF is refused
// exactly as the certificate is: signed out, not a member, someone else's or revoked is 404.
//
// The text is set in DejaVu Sans, embedded (subset): pdfkit's built-in fonts only know WinAnsi,
// and a member's name may be "Zoë Ωμέγα" or "Дмитрий".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import PDFDocument from "pdfkit";
import type { ApiDeps } from "../context.ts";
import { downloadCaller, refusal } from "./download.ts";

export interface CertificateContent {
  id: string;
  recipientName: string;
  courseTitle: string;
  organizationName: string;
  completedAt: Date;
  /** The absolute verification URL printed at the foot of the page. */
  verifyUrl: string;
}

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function fontsOnce() {
  fonts ??= {
    regular: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
    bold: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")),
  };
  return fonts;
}

/** "4 December 2026": the day the course was completed, in UTC (the page has no time zone). */
export const certificateDate = (at: Date) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(at);

/** The certificate's one page (A4 landscape), as PDF bytes. */
export function renderCertificatePdf(
  content: CertificateContent,
): Promise<Uint8Array<ArrayBuffer>> {
  const { regular, bold } = fontsOnce();
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    info: {
      Title: `Certificate of completion: ${content.courseTitle}`,
      Author: content.organizationName,
      Subject: `${content.recipientName} completed ${content.courseTitle}`,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const width = doc.page.width;
  const height = doc.page.height;
  const inner = width - 160;
  doc
    .rect(24, 24, width - 48, height - 48)
    .lineWidth(6)
    .stroke("#1e3a5f");
  doc
    .rect(36, 36, width - 72, height - 72)
    .lineWidth(1)
    .stroke("#8aa4c2");
  // Each line below the previous one (a long name or title wraps and pushes the rest down).
  const line = (
    text: string,
    gap: number,
    options: { font: "regular" | "bold"; size: number; color: string },
  ) =>
    doc
      .font(options.font)
      .fontSize(options.size)
      .fillColor(options.color)
      .text(text, 80, doc.y + gap, { width: inner, align: "center" });
  doc.y = 80;
  line(content.organizationName, 0, { font: "bold", size: 20, color: "#1e3a5f" });
  line("Certificate of completion", 20, { font: "regular", size: 34, color: "#111827" });
  line("This certifies that", 24, { font: "regular", size: 16, color: "#4b5563" });
  line(content.recipientName, 10, { font: "bold", size: 30, color: "#111827" });
  line("has completed the course", 14, { font: "regular", size: 16, color: "#4b5563" });
  line(content.courseTitle, 10, { font: "bold", size: 24, color: "#111827" });
  line(`on ${certificateDate(content.completedAt)}`, 24, {
    font: "regular",
    size: 16,
    color: "#4b5563",
  });
  doc.y = height - 100;
  line(`Verify at ${content.verifyUrl}`, 0, { font: "regular", size: 10, color: "#6b7280" });
  line(`Certificate ${content.id}`, 2, { font: "regular", size: 10, color: "#6b7280" });
  doc.end();
  return done;
}

const ID = /^([0-9a-fA-F-]{36})\.pdf$/;

/**
 * GET /api/certificates/<id>.pdf?org=<slug>: the member's own certificate (or, for an admin, any
 * of the organization's), as an attachment.
 */
export async function certificatePdf(
  deps: ApiDeps,
  req: Request,
  file: string,
  options: { clientAddress?: string | null } = {},
): Promise<Response> {
  const id = ID.exec(file)?.[1];
  const slug = new URL(req.url).searchParams.get("org")?.trim().toLowerCase();
  if (!id) return refusal(404, "Certificate not found");
  if (!slug) return refusal(400, "Name the organization: ?org=<slug>");
  let found: Awaited<ReturnType<Awaited<ReturnType<typeof downloadCaller>>["certificate"]["get"]>>;
  try {
    const caller = await downloadCaller(deps, req, slug, options.clientAddress ?? null);
    found = await caller.certificate.get({ id });
  } catch (error) {
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
      // Signed out, not a member, someone else's: one answer, which says nothing of the id.
      const status = getHTTPStatusCodeFromError(error);
      return status === 400 || status === 401 || status === 403 || status === 404
        ? refusal(404, "Certificate not found")
        : refusal(status, error.message);
    }
    throw error;
  }
  if (found.revokedAt) return refusal(404, "Certificate not found");
  const bytes = await renderCertificatePdf({
    ...found,
    verifyUrl: new URL(found.verifyPath, deps.appUrl).toString(),
  });
  const name = `certificate-${found.courseTitle
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60)}.pdf`;
  return new Response(bytes, {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${name || "certificate.pdf"}"`,
      "cache-control": "private, no-store",
    },
  });
}
