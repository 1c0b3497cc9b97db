// Certificates (issue 12 §2): a member who completes every published lesson of a course gets one,
// once. Its id is the public, unguessable part of its verification URL (/certificates/:id): a
// random uuid (gen_random_uuid, 122 random bits), never listed anywhere public.
//
// A certificate says what was true when it was issued: the member's name, the course's title and
// the organization's name are copied into it, so renaming the course or the member leaving
// (member and course references go null) does not rewrite history. An admin may revoke one, with
// a reason kept for the organization's admins; its public verification then says it was revoked
// and when (never the reason).
//
// A plain tenant table (not space-scoped): the certificate stays the member's even when the
// course's space closes to them later. The services show a member their own and an admin the
// organization's; the public verification reads it as the system, through
// guild_certificate_organization (migration), which only maps an id to its organization.
import { sql } from "drizzle-orm";
import { check, index, text, unique, uuid } from "drizzle-orm/pg-core";
import { CERTIFICATE_REVOKE_REASON_MAX } from "../enums/learning.ts";
import { course } from "./course.ts";
import { instant, memberRef, tenantRef, tenantTable } from "./helpers.ts";

export const CERTIFICATE_NAME_MAX = 200;

export const certificate = tenantTable(
  "certificate",
  {
    /** The member it was issued to; null once they left the organization. */
    memberId: uuid(),
    /** The course completed; null once it is deleted (the certificate stays). */
    courseId: uuid(),
    recipientName: text().notNull(),
    courseTitle: text().notNull(),
    organizationName: text().notNull(),
    /** When the member completed the course's last lesson. */
    completedAt: instant().notNull(),
    revokedAt: instant(),
    /** The admin who revoked it; null once they left. */
    revokedByMemberId: uuid(),
    /** Why it was revoked, for the organization's admins (null for one revoked before 0082). */
    revokedReason: text(),
  },
  (t) => [
    // One certificate per member and course, however often the last lesson completes.
    unique("certificate_org_course_member_unique").on(t.organizationId, t.courseId, t.memberId),
    memberRef(t, t.memberId, "certificate_member_fk"),
    tenantRef(t, t.courseId, () => course, { onDelete: "set null", name: "certificate_course_fk" }),
    memberRef(t, t.revokedByMemberId, "certificate_revoked_by_member_fk"),
    check(
      "certificate_names_check",
      sql`char_length(${t.recipientName}) between 1 and ${sql.raw(String(CERTIFICATE_NAME_MAX))}
        and char_length(${t.courseTitle}) between 1 and ${sql.raw(String(CERTIFICATE_NAME_MAX))}
        and char_length(${t.organizationName}) between 1 and ${sql.raw(String(CERTIFICATE_NAME_MAX))}`,
    ),
    check(
      "certificate_revoked_reason_check",
      sql`${t.revokedReason} is null or char_length(${t.revokedReason}) between 1 and ${sql.raw(String(CERTIFICATE_REVOKE_REASON_MAX))}`,
    ),
    // A member's certificates (certificate.mine), newest first.
    index("certificate_org_member_idx").on(t.organizationId, t.memberId, t.completedAt),
    // The organization's certificates newest first (certificate.list, keyset on issue time).
    index("certificate_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    // The public verification's lookup by id alone (guild_certificate_organization).
    index("certificate_id_idx").on(t.id),
  ],
);
