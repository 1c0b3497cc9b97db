// Who may do what with a file, per purpose: one entry per domain that attaches files. A file is
// as visible as what it belongs to (a lead attachment as its lead), and a refusal to see it looks
// like a missing id.
import {
  and,
  eq,
  type FilePurpose,
  file,
  ne,
  resourceItem,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import { AppError, notFound } from "../errors.ts";
import { hasCrmAccess } from "../policies/lead.ts";
import { publish } from "../realtime/event-log.ts";
import { recordActivity } from "./activity.ts";
import { actsAs } from "./actor.ts";
import type { FileRow } from "./file.ts";
import { getLead } from "./lead.ts";
import { findVisibleSpace } from "./space.ts";

export interface FilePolicy {
  /**
   * Served to anyone at a stable app URL (/api/files/<organization>/<file>, cached), for public
   * pages and mail: only for what is meant to be seen by everyone, such as avatars and logos.
   */
  public: boolean;
  /**
   * Served at that same URL to signed-in members whom assertCanRead allows, checked per request
   * (images in posts, shown inline); other private files are downloaded through downloadUrl.
   */
  servedToMembers?: boolean;
  /** Throws NOT_FOUND when the actor may not see this ready file or what it belongs to. */
  assertCanRead(scope: TenantScope, row: FileRow): Promise<void>;
  /** Whether the actor may delete this ready file (after assertCanRead). */
  canRemove(scope: TenantScope, row: FileRow): boolean;
  /** The refusal's message when canRemove says no. */
  whoMayRemove: string;
  /** In the confirming transaction, before the file becomes ready (e.g. make room for it). */
  beforeReady?(scope: TenantScope, row: FileRow): Promise<void>;
  /** In the confirming transaction, once the file is ready. */
  afterReady?(scope: TenantScope, row: FileRow): Promise<void>;
  /** In the deleting transaction, after a ready file was deleted through removeFile. */
  afterRemove?(scope: TenantScope, row: FileRow): Promise<void>;
}

const isActingMember = (scope: TenantScope, memberId: string | null) =>
  scope.actor.kind === "member" && memberId !== null && scope.actor.memberId === memberId;

const leadOf = (row: FileRow) => {
  if (!row.leadId) throw new Error(`lead attachment ${row.id} has no lead`);
  return row.leadId;
};

/**
 * A lead attachment exists for the CRM's staff only (policies/lead.ts), and only while its lead
 * does: to anyone else, and once the lead is deleted, it answers as a file id that exists
 * nowhere.
 */
async function assertCanSeeAttachment(scope: TenantScope, row: FileRow) {
  if (scope.actor.kind === "member" && !hasCrmAccess(scope.actor)) throw notFound("File");
  await getLead(scope, leadOf(row)).catch((error: unknown) => {
    throw error instanceof AppError && error.code === "NOT_FOUND" ? notFound("File") : error;
  });
}

/**
 * A resource file is as visible as its resources space: to whoever sees the space (the one
 * visibility rule, here in the where and under it by row-level security on resource_item), and
 * only while an item shows it. To anyone else it is a file id that exists nowhere.
 */
async function assertCanSeeResourceFile(scope: TenantScope, row: FileRow) {
  if (!row.spaceId) throw new Error(`resource file ${row.id} has no space`);
  const [item] = await scope.db
    .select({ id: resourceItem.id })
    .from(resourceItem)
    .where(
      and(
        eq(resourceItem.organizationId, scope.organizationId),
        eq(resourceItem.spaceId, row.spaceId),
        eq(resourceItem.fileId, row.id),
        visibleSpace(resourceItem.spaceId),
      ),
    );
  if (!item) throw notFound("File");
}

/**
 * An image in a post or comment, a lesson's file or an event's cover is as visible as the space it was put in: whoever sees the space
 * (the one visibility rule, guild_visible_space_ids) fetches it; to anyone else, and once the
 * space is gone (the foreign key cascades), it is a file id that exists nowhere.
 */
async function assertCanSeeSpaceFile(scope: TenantScope, row: FileRow) {
  if (!row.spaceId) throw new Error(`${row.purpose} file ${row.id} has no space`);
  if (!(await findVisibleSpace(scope, row.spaceId))) throw notFound("File");
}

/**
 * An image in a space (a post's, an event's cover): served by the app's file route only to those
 * who see its space (public-files.ts); deleted by its uploader or a moderator.
 */
const spaceImagePolicy = (whoMayRemove: string): FilePolicy => ({
  public: false,
  servedToMembers: true,
  assertCanRead: assertCanSeeSpaceFile,
  canRemove: (scope, row) =>
    isActingMember(scope, row.uploaderMemberId) || actsAs(scope, "moderator"),
  whoMayRemove,
  // The uploader may have lost the space (removed from a private one) since starting.
  beforeReady: assertCanSeeSpaceFile,
});

export const filePolicies: Record<FilePurpose, FilePolicy> = {
  // A member's picture in this organization: seen by everyone who sees the member (the members
  // list, public pages and mail later), replaced by its member, removed by them or an admin.
  avatar: {
    public: true,
    assertCanRead: async () => {},
    canRemove: (scope, row) => isActingMember(scope, row.memberId) || actsAs(scope, "admin"),
    whoMayRemove: "Only the member or an admin can remove this picture",
    async beforeReady(scope, row) {
      // Two pictures confirmed at once for one member take turns; the later one wins.
      await scope.db.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`avatar:${row.memberId}`}, 0))`,
      );
      if (!row.memberId) return;
      await scope.db
        .delete(file)
        .where(
          and(
            eq(file.organizationId, scope.organizationId),
            eq(file.purpose, "avatar"),
            eq(file.memberId, row.memberId),
            eq(file.status, "ready"),
            ne(file.id, row.id),
          ),
        );
    },
  },
  // The organization's logo: public (the public page, signed out), changed and removed by admins
  // only; a new one replaces the old in the confirming transaction.
  logo: {
    public: true,
    assertCanRead: async () => {},
    canRemove: (scope) => actsAs(scope, "admin"),
    whoMayRemove: "Only admins can remove the logo",
    async beforeReady(scope, row) {
      // Two logos confirmed at once take turns; the later one wins.
      await scope.db.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`logo:${scope.organizationId}`}, 0))`,
      );
      await scope.db
        .delete(file)
        .where(
          and(
            eq(file.organizationId, scope.organizationId),
            eq(file.purpose, "logo"),
            eq(file.status, "ready"),
            ne(file.id, row.id),
          ),
        );
    },
  },
  // Files on a lead: for whoever may see the lead; deleted by their uploader or an admin.
  lead_attachment: {
    public: false,
    assertCanRead: assertCanSeeAttachment,
    canRemove: (scope, row) =>
      isActingMember(scope, row.uploaderMemberId) || actsAs(scope, "admin"),
    whoMayRemove: "Only the person who attached this file or an admin can delete it",
    // Started by a member of the CRM's staff, who may have lost CRM access (or the lead) since.
    beforeReady: assertCanSeeAttachment,
    async afterReady(scope, row) {
      await recordActivity(scope, {
        action: "lead.attachment_added",
        target: { type: "lead", id: leadOf(row) },
        changes: { attachment: { from: null, to: row.name } },
      });
    },
    async afterRemove(scope, row) {
      await recordActivity(scope, {
        action: "lead.attachment_removed",
        target: { type: "lead", id: leadOf(row) },
        changes: { attachment: { from: row.name, to: null } },
      });
    },
  },
  // A resources space's files (services/resource.ts): downloaded by whoever sees the space,
  // uploaded and deleted by moderators and up; deleting the file deletes its item (cascade).
  resource: {
    public: false,
    assertCanRead: assertCanSeeResourceFile,
    canRemove: (scope) => actsAs(scope, "moderator"),
    whoMayRemove: "Only moderators and admins can delete resources",
    // Started by a moderator, who may have been demoted (or the item deleted) since.
    async beforeReady(scope, row) {
      await assertCanSeeResourceFile(scope, row);
      if (!actsAs(scope, "moderator"))
        throw new AppError("FORBIDDEN", "Only moderators and admins can add resources");
    },
    // The list shows a file resource once its file is ready: now.
    async afterReady(scope, row) {
      // As services/resource.ts announceResources (not imported: resource.ts reaches this file).
      if (row.spaceId)
        await publish(scope, {
          kind: "resource.changed",
          target: { type: "space", id: row.spaceId },
        });
    },
  },
  // An image put in a post or comment (markdown ![alt](/api/files/<organization>/<file>)): served
  // by the app's file route only to those who see its space (public-files.ts); deleted by its
  // uploader or a moderator.
  post_image: spaceImagePolicy("Only the person who added this image or a moderator can delete it"),
  // A lesson's image or file block (lesson.startFileUpload): served by the app's file route and
  // file.downloadUrl to whoever sees the course space, like a post's image: its id reaches
  // learners only in the lessons they may open. Uploaded and deleted by authors.
  course_file: {
    public: false,
    servedToMembers: true,
    assertCanRead: assertCanSeeSpaceFile,
    canRemove: (scope) => actsAs(scope, "moderator"),
    whoMayRemove: "Only moderators and admins can delete a lesson's files",
    // Started by a moderator, who may have been demoted since.
    async beforeReady(scope, row) {
      await assertCanSeeSpaceFile(scope, row);
      if (!actsAs(scope, "moderator"))
        throw new AppError("FORBIDDEN", "Only moderators and admins can add a lesson's files");
    },
  },
  // An event's cover image (services/event.ts): served by the app's file route to whoever sees
  // the events space, like a post's image; deleted by its uploader or a moderator.
  event_cover: spaceImagePolicy(
    "Only the person who added this cover or a moderator can delete it",
  ),
};
