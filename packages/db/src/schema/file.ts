// Files (platform, seed 000): the metadata of what Guild keeps in object storage. The bytes are
// served from org/<organizationId>/<fileId> in the S3 bucket (storage_key), copied there from the
// upload key org/<organizationId>/uploads/<fileId> once inspected; this row says what they are,
// who uploaded them, what they belong to, and whether the upload was confirmed. Deleting a row,
// however it happens (a service, a lead purge or a member leaving by cascade, the organization
// going), queues the deletion of both keys (migration 0020's trigger), and storage_usage follows
// the ready rows in the same transaction (migration 0013).
import { relations, sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { fileContentTypes, filePurposes, fileStatuses } from "../enums/file.ts";
import { instant, memberRef, tenantRef, tenantTable, textEnum, updatedAt } from "./helpers.ts";
import { lead } from "./lead.ts";
import { member, organization } from "./organization.ts";
import { space } from "./space.ts";

export const file = tenantTable(
  "file",
  {
    /** The name the uploader gave it (one line, no path), used when downloading. */
    name: text().notNull(),
    /** Bytes: declared when the upload starts, checked against the object when it is confirmed. */
    size: bigint({ mode: "number" }).notNull(),
    contentType: textEnum(fileContentTypes).notNull(),
    status: textEnum(fileStatuses).notNull().default("pending"),
    purpose: textEnum(filePurposes).notNull(),
    /** The served object's key in the bucket; never derived from user input. */
    storageKey: text().notNull(),
    /** The object's ETag once confirmed (the public route's validator). */
    etag: text(),
    /** Who uploaded it; null once they have left ("Former member"). */
    uploaderMemberId: uuid(),
    // What the file belongs to: one nullable column per kind of owner, each a composite foreign
    // key that cascades, so an owner's deletion takes its files (and, through the trigger, their
    // objects) with it. file_owner_check pairs each purpose with its column.
    /** purpose avatar: the member it pictures. */
    memberId: uuid(),
    /** purpose lead_attachment: the lead it is attached to. */
    leadId: uuid(),
    /**
     * purpose resource: the resources space it is kept in (its resource_item names it).
     * purpose post_image: the space of the post or comment it was put in, whose visibility it
     * follows: uploaded while the post is being written (before the post exists), and a post is
     * seen by exactly those who see its space.
     * purpose course_file: an image or file block of a lesson in that course space; whoever sees
     * the space may fetch it (its id reaches learners only through lessons they may open).
     * purpose event_cover: an event's cover image in that events space, seen by whoever sees it.
     */
    spaceId: uuid(),
    confirmedAt: instant(),
  },
  (t) => [
    memberRef(t, t.uploaderMemberId, "file_uploader_member_fk"),
    tenantRef(t, t.memberId, () => member, { onDelete: "cascade", name: "file_member_fk" }),
    tenantRef(t, t.leadId, () => lead, { onDelete: "cascade", name: "file_lead_fk" }),
    tenantRef(t, t.spaceId, () => space, { onDelete: "cascade", name: "file_space_fk" }),
    // A resource item points at (organization, space, file): never at another space's file.
    unique("file_org_space_id_unique").on(t.organizationId, t.spaceId, t.id),
    unique("file_storage_key_key").on(t.organizationId, t.storageKey),
    check("file_size_check", sql`${t.size} > 0`),
    check(
      "file_owner_check",
      sql`(${t.purpose} = 'avatar') = (${t.memberId} is not null)
          and (${t.purpose} = 'lead_attachment') = (${t.leadId} is not null)
          and (${t.purpose} in ('resource', 'post_image', 'course_file', 'event_cover')) = (${t.spaceId} is not null)`,
    ),
    // One picture per member: confirming a new one deletes the old one in the same transaction.
    // One logo per organization (the organization owns it: no owner column), replaced the same way.
    uniqueIndex("file_one_logo_per_organization")
      .on(t.organizationId)
      .where(sql`${t.purpose} = 'logo' and ${t.status} = 'ready'`),
    uniqueIndex("file_one_avatar_per_member")
      .on(t.organizationId, t.memberId)
      .where(sql`${t.purpose} = 'avatar' and ${t.status} = 'ready'`),
    index("file_org_lead_idx")
      .on(t.organizationId, t.leadId, t.createdAt, t.id)
      .where(sql`${t.leadId} is not null`),
    // The daily sweep of uploads never confirmed.
    index("file_org_pending_idx")
      .on(t.organizationId, t.createdAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * Storage used per organization: the bytes and number of ready files, kept by migration 0013's
 * triggers on `file` in the transaction that changes them (row-locked, so exact under
 * concurrency). Billing's limits read it.
 */
export const storageUsage = tenantTable(
  "storage_usage",
  {
    bytes: bigint({ mode: "number" }).notNull().default(0),
    files: integer().notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("storage_usage_organization_key").on(t.organizationId),
    check("storage_usage_not_negative", sql`${t.bytes} >= 0 and ${t.files} >= 0`),
  ],
);

export const fileRelations = relations(file, ({ one }) => ({
  organization: one(organization, { fields: [file.organizationId], references: [organization.id] }),
  uploader: one(member, {
    fields: [file.organizationId, file.uploaderMemberId],
    references: [member.organizationId, member.id],
  }),
}));
