// Certificates (issue 12 §2): completing every published lesson of a course issues the member a
// certificate, once (issueCertificate, called in the transaction that completes the enrollment).
// A member reads their own (certificate.mine, certificate.get) and downloads its PDF
// (GET /api/certificates/:id.pdf, exports/certificate-pdf.ts, through certificate.get); admins
// list, read and revoke the organization's (certificate.list, a page at a time by course and
// name). Anyone may verify one by its id, signed out included (certificateVerification.get): who
// completed what, where and when, and whether (and when) it was revoked; "not found" for an id
// that is unknown or malformed. The revocation's reason stays the admins'.
import {
  and,
  asSystem,
  type Clock,
  certificate,
  course,
  type Database,
  desc,
  eq,
  isNull,
  member,
  memberProfile,
  organization,
  type SQL,
  sql,
  type TenantScope,
  user,
  withTenant,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import type {
  certificateIdInput,
  listCertificatesInput,
  revokeCertificateInput,
  verifyCertificateInput,
} from "../schemas/certificate.ts";
import { recordActivity } from "./activity.ts";
import { actsAs } from "./actor.ts";
import { actingMember } from "./member.ts";

const missingCertificate = () => notFound("Certificate");

/** The longest name a certificate keeps (the table's CHECK). */
const NAME_MAX = 200;
const clip = (text: string) => text.trim().slice(0, NAME_MAX) || "Member";

/**
 * Issues the member's certificate for a course they just completed (completedAt: when), once: a
 * second call for the same member and course changes nothing. In the caller's transaction.
 */
export async function issueCertificate(
  scope: TenantScope,
  target: { courseId: string; memberId: string; completedAt: Date },
): Promise<void> {
  const [who] = await scope.db
    .select({ accountName: user.name, displayName: memberProfile.displayName })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .leftJoin(
      memberProfile,
      and(
        eq(memberProfile.organizationId, member.organizationId),
        eq(memberProfile.memberId, member.id),
      ),
    )
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, target.memberId)));
  const [what] = await scope.db
    .select({ title: course.title, organizationName: organization.name })
    .from(course)
    .innerJoin(organization, eq(organization.id, course.organizationId))
    .where(and(eq(course.organizationId, scope.organizationId), eq(course.id, target.courseId)));
  if (!who || !what) throw new Error("a certificate's member or course is gone");
  await scope.db
    .insert(certificate)
    .values({
      organizationId: scope.organizationId,
      memberId: target.memberId,
      courseId: target.courseId,
      recipientName: clip(who.displayName ?? who.accountName),
      courseTitle: clip(what.title),
      organizationName: clip(what.organizationName),
      completedAt: target.completedAt,
    })
    .onConflictDoNothing();
}

/** A certificate as its member (or an admin) reads it. */
export interface CertificateView {
  id: string;
  courseId: string | null;
  recipientName: string;
  courseTitle: string;
  organizationName: string;
  completedAt: Date;
  issuedAt: Date;
  revokedAt: Date | null;
  /** The public verification page's path (/certificates/:id). */
  verifyPath: string;
  /** The PDF's path for the member's own download (with the organization named). */
  downloadPath: string;
}

const columns = {
  id: certificate.id,
  memberId: certificate.memberId,
  courseId: certificate.courseId,
  recipientName: certificate.recipientName,
  courseTitle: certificate.courseTitle,
  organizationName: certificate.organizationName,
  completedAt: certificate.completedAt,
  issuedAt: certificate.createdAt,
  revokedAt: certificate.revokedAt,
};

export const verifyPathOf = (id: string) => `/certificates/${id}`;
export const downloadPathOf = (id: string, organizationSlug: string) =>
  `/api/certificates/${id}.pdf?org=${encodeURIComponent(organizationSlug)}`;

async function slugOf(scope: TenantScope): Promise<string> {
  const [org] = await scope.db
    .select({ slug: organization.slug })
    .from(organization)
    .where(eq(organization.id, scope.organizationId));
  if (!org) throw new Error("the scope's organization is gone");
  return org.slug;
}

function viewOf(row: Omit<CertificateView, "verifyPath" | "downloadPath">, slug: string) {
  return { ...row, verifyPath: verifyPathOf(row.id), downloadPath: downloadPathOf(row.id, slug) };
}

/** certificate.mine: the acting member's certificates in the organization, newest first. */
export async function myCertificates(scope: TenantScope): Promise<CertificateView[]> {
  const me = actingMember(scope);
  const rows = await scope.db
    .select(columns)
    .from(certificate)
    .where(
      and(
        eq(certificate.organizationId, scope.organizationId),
        eq(certificate.memberId, me.memberId),
        isNull(certificate.revokedAt),
      ),
    )
    .orderBy(desc(certificate.completedAt), desc(certificate.id));
  const slug = await slugOf(scope);
  return rows.map(({ memberId: _member, ...row }) => viewOf(row, slug));
}

/**
 * certificate.get: one certificate, to its member or an admin (revoked ones to admins only);
 * NOT_FOUND to anyone else, as for an id that does not exist.
 */
export async function getCertificate(
  scope: TenantScope,
  input: z.output<typeof certificateIdInput>,
): Promise<CertificateView> {
  const me = actingMember(scope);
  const admin = actsAs(scope, "admin");
  const [row] = await scope.db
    .select(columns)
    .from(certificate)
    .where(and(eq(certificate.organizationId, scope.organizationId), eq(certificate.id, input.id)));
  if (!row || (!admin && (row.memberId !== me.memberId || row.revokedAt !== null)))
    throw missingCertificate();
  const { memberId: _member, ...fields } = row;
  return viewOf(fields, await slugOf(scope));
}

/** A certificate as the admins' list shows it: whose, and why it was revoked. */
export interface CertificateListItem extends Omit<CertificateView, "downloadPath"> {
  memberId: string | null;
  revokedReason: string | null;
  /** The admin who revoked it; null once they left (or not revoked). */
  revokedByName: string | null;
}

/**
 * certificate.list (admins): the organization's certificates, revoked ones included, newest
 * issued first, keyset-paginated by (issued at, id); optionally one course's, and those whose
 * name (as the certificate holds it) contains the search, case-insensitively.
 */
export async function listCertificates(
  scope: TenantScope,
  input: z.output<typeof listCertificatesInput>,
): Promise<{ items: CertificateListItem[]; nextCursor: { issuedAt: Date; id: string } | null }> {
  const where: SQL[] = [eq(certificate.organizationId, scope.organizationId)];
  if (input.courseId) where.push(eq(certificate.courseId, input.courseId));
  // strpos, not LIKE: the member's words are matched as they are, % and _ included.
  if (input.search)
    where.push(sql`strpos(lower(${certificate.recipientName}), lower(${input.search})) > 0`);
  if (input.cursor)
    where.push(
      sql`(${certificate.createdAt}, ${certificate.id}) < (${input.cursor.issuedAt.toISOString()}::timestamptz, ${input.cursor.id}::uuid)`,
    );
  const rows = await scope.db
    .select({ ...columns, revokedReason: certificate.revokedReason, revokedByName: user.name })
    .from(certificate)
    .leftJoin(
      member,
      and(
        eq(member.organizationId, certificate.organizationId),
        eq(member.id, certificate.revokedByMemberId),
      ),
    )
    .leftJoin(user, eq(user.id, member.userId))
    .where(and(...where))
    .orderBy(desc(certificate.createdAt), desc(certificate.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => ({ ...row, verifyPath: verifyPathOf(row.id) })),
    nextCursor: rows.length > input.limit && last ? { issuedAt: last.issuedAt, id: last.id } : null,
  };
}

/**
 * certificate.revoke (admins), with a reason: it no longer downloads for its member, and its
 * verification says it was revoked. Once: a second revocation is CONFLICT.
 */
export async function revokeCertificate(
  scope: TenantScope,
  input: z.output<typeof revokeCertificateInput>,
): Promise<CertificateView> {
  const me = actingMember(scope);
  const [row] = await scope.db
    .update(certificate)
    .set({ revokedAt: scope.now(), revokedByMemberId: me.memberId, revokedReason: input.reason })
    .where(
      and(
        eq(certificate.organizationId, scope.organizationId),
        eq(certificate.id, input.id),
        isNull(certificate.revokedAt),
      ),
    )
    .returning({ id: certificate.id });
  if (!row) {
    const current = await getCertificate(scope, input);
    if (current.revokedAt) throw new AppError("CONFLICT", "This certificate is already revoked");
  }
  await recordActivity(scope, {
    action: "certificate.revoked",
    target: { type: "certificate", id: input.id },
  });
  return getCertificate(scope, input);
}

/** What the public verification page shows of a valid certificate. */
export interface CertificateVerification {
  id: string;
  recipientName: string;
  courseTitle: string;
  organizationName: string;
  /** The organization's public page (/c/:slug), when it still exists under that slug. */
  organizationSlug: string;
  completedAt: Date;
  issuedAt: Date;
  /** When an admin revoked it: the page says it is no longer valid (never why). */
  revokedAt: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * certificateVerification.get, for anyone: the certificate's facts and whether it was revoked,
 * or NOT_FOUND for an id that is malformed or unknown (one answer for both). Reads as the system in the
 * certificate's organization, found by guild_certificate_organization (migration 0075).
 */
export async function verifyCertificate(
  db: Database,
  clock: Clock,
  input: z.output<typeof verifyCertificateInput>,
): Promise<CertificateVerification> {
  if (!UUID.test(input.id)) throw missingCertificate();
  const id = input.id.toLowerCase();
  const found = await db.execute<{ organization_id: string | null }>(
    sql`select guild_certificate_organization(${id}::uuid) as organization_id`,
  );
  const organizationId = found[0]?.organization_id ?? null;
  if (!organizationId) throw missingCertificate();
  return withTenant(
    db,
    asSystem(organizationId, "certificate verification", clock),
    async (scope) => {
      const [row] = await scope.db
        .select({
          id: certificate.id,
          recipientName: certificate.recipientName,
          courseTitle: certificate.courseTitle,
          organizationName: certificate.organizationName,
          organizationSlug: organization.slug,
          completedAt: certificate.completedAt,
          issuedAt: certificate.createdAt,
          revokedAt: certificate.revokedAt,
        })
        .from(certificate)
        .innerJoin(organization, eq(organization.id, certificate.organizationId))
        .where(and(eq(certificate.organizationId, scope.organizationId), eq(certificate.id, id)));
      if (!row) throw missingCertificate();
      return row;
    },
  );
}
