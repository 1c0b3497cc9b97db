// Files (platform): uploads by presigned PUT, confirmed only after Guild has looked at what
// arrived; downloads by short-lived presigned GET; public files served by the app. A domain that
// attaches files declares a purpose (schemas/file.ts: limits and types; file-policies.ts: who
// may read and delete, what happens when one becomes ready), gives `file` a column for its owner,
// and starts uploads with startUpload; confirmation, download and deletion are these functions.
//
// The browser PUTs to an upload key nobody serves (org/<org>/uploads/<file>): a presigned PUT
// can be replayed until it expires, also after confirmation. Confirming copies the upload to a
// key of this attempt alone, inspects that copy, and copies it to the served key: the served
// object is only ever written from bytes Guild inspected, whatever the URL's holder sends.
//
// Objects of deleted rows are never deleted here: deleting a row (by any path, cascades
// included) queues the deletion of its objects in the same transaction (migrations 0013, 0020),
// and storage_usage follows the ready rows there too.
import { randomUUID } from "node:crypto";
import { and, eq, file, lt, type MemberActor, storageUsage, type TenantScope } from "@guild/db";
import {
  SNIFF_BYTES,
  type Storage,
  StorageUnavailableError,
  sniffContentType,
} from "@guild/storage";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { fileRules, formatBytes, typeLabel, type uploadFields } from "../schemas/file.ts";
import { filePolicies } from "./file-policies.ts";

/** How long a presigned upload URL works. The deletion trigger's replay window (15 minutes) must stay longer. */
export const UPLOAD_URL_TTL_SECONDS = 300;
/**
 * A confirmation's upload objects are removed this long after the URL has surely expired: what
 * a replay recreates goes, and a confirmation still copying is not cut short (its S3 calls give
 * up well before).
 */
export const UPLOAD_CLEANUP_DELAY_SECONDS = 600;
/** How long a presigned download URL works: enough to start the download, not to share it. */
export const DOWNLOAD_URL_TTL_SECONDS = 60;
/** Uploads not confirmed within this long are removed by the daily maintenance. */
export const UNCONFIRMED_UPLOAD_HOURS = 24;

export type FileRow = typeof file.$inferSelect;

/** Runs fn in a short tenant transaction: orgLongProcedure's ctx.tenant, a job's tenant(). */
export type InTenant = <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T>;

/** What a file belongs to: its purpose and, for it, the owner column. */
export type FileOwner =
  | { purpose: "avatar"; memberId: string }
  | { purpose: "lead_attachment"; leadId: string }
  | { purpose: "logo" }
  | { purpose: "resource"; spaceId: string }
  | { purpose: "post_image"; spaceId: string }
  | { purpose: "course_file"; spaceId: string }
  | { purpose: "event_cover"; spaceId: string };

/** The object key of a file: under its organization's prefix, named by ids only. */
export const storageKeyOf = (organizationId: string, fileId: string) =>
  `org/${organizationId}/${fileId}`;

/**
 * Where the browser PUTs a file: never served, since the URL can be replayed until it expires.
 * Migration 0020's deletion trigger derives the same key.
 */
export const uploadKeyOf = (organizationId: string, fileId: string) =>
  `org/${organizationId}/uploads/${fileId}`;

/** A confirmation's own copy of an upload, which it inspects and which nobody else writes. */
export const inspectionKeyOf = (organizationId: string, fileId: string, attemptId: string) =>
  `org/${organizationId}/uploads/${fileId}.${attemptId}`;

/** Every object of an organization lives under this prefix. */
export const organizationPrefix = (organizationId: string) => `org/${organizationId}/`;

/** The app's stable URL for a public file (avatars): same-origin, cacheable, never expiring. */
export const publicFilePath = (organizationId: string, fileId: string) =>
  `/api/files/${organizationId}/${fileId}`;

function uploader(scope: TenantScope): MemberActor {
  if (scope.actor.kind !== "member")
    throw new AppError("FORBIDDEN", "Only a member of the organization can upload files");
  return scope.actor;
}

/** A file as the web sees it. */
export function describeFile(row: FileRow) {
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    contentType: row.contentType,
    status: row.status,
    purpose: row.purpose,
    uploaderMemberId: row.uploaderMemberId,
    createdAt: row.createdAt,
  };
}

/**
 * Records a pending upload and signs the URL the browser PUTs it to. The owner must already have
 * been checked by the caller (the lead exists and the actor may see it; the avatar is the actor's).
 */
export async function startUpload(
  scope: TenantScope,
  storage: Storage,
  owner: FileOwner,
  input: z.output<ReturnType<typeof uploadFields>>,
) {
  const actor = uploader(scope);
  const id = randomUUID();
  const storageKey = storageKeyOf(scope.organizationId, id);
  const [row] = await scope.db
    .insert(file)
    .values({
      organizationId: scope.organizationId,
      id,
      name: input.name,
      size: input.size,
      contentType: input.contentType,
      purpose: owner.purpose,
      storageKey,
      uploaderMemberId: actor.memberId,
      memberId: owner.purpose === "avatar" ? owner.memberId : null,
      leadId: owner.purpose === "lead_attachment" ? owner.leadId : null,
      spaceId:
        owner.purpose === "resource" ||
        owner.purpose === "post_image" ||
        owner.purpose === "course_file" ||
        owner.purpose === "event_cover"
          ? owner.spaceId
          : null,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  const url = await storage.presignUpload(
    uploadKeyOf(scope.organizationId, id),
    { contentType: input.contentType, size: input.size },
    UPLOAD_URL_TTL_SECONDS,
  );
  return {
    file: describeFile(row),
    upload: {
      url,
      method: "PUT" as const,
      /** Send exactly these (they are signed), and the file as the body. */
      headers: { "content-type": input.contentType },
      expiresAt: new Date(scope.now().getTime() + UPLOAD_URL_TTL_SECONDS * 1000),
    },
  };
}

/** The caller's own pending upload; anyone else's, or a file of another organization: NOT_FOUND. */
async function ownPendingUpload(scope: TenantScope, id: string): Promise<FileRow> {
  const actor = uploader(scope);
  const [row] = await scope.db
    .select()
    .from(file)
    .where(and(eq(file.organizationId, scope.organizationId), eq(file.id, id)));
  if (!row || row.uploaderMemberId !== actor.memberId) throw notFound("Upload");
  if (row.status !== "pending")
    throw new AppError("CONFLICT", "This upload has already been confirmed");
  return row;
}

type Inspection = { ok: true; etag: string | null } | { ok: false; message: string };

const didNotArrive: Inspection = {
  ok: false,
  message: "The upload did not arrive. Please try again.",
};

/**
 * What arrived, against what was announced and what the purpose allows. The embedded s3rver
 * enforces none of the signed limits, and a signed PUT only fixes length and type, not content:
 * so size and type from HEAD, then the first bytes (an HTML page sent as image/png is refused).
 * `key` is the confirmation's own copy: a replayed PUT cannot change it between the checks.
 */
async function inspectUpload(storage: Storage, row: FileRow, key: string): Promise<Inspection> {
  const head = await storage.head(key);
  if (!head) return didNotArrive;
  const rule = fileRules[row.purpose];
  // Size first: a ranged read of an empty object breaks s3rver's answer.
  if (head.size !== row.size || head.size < 1 || head.size > rule.maxBytes)
    return {
      ok: false,
      message:
        head.size > rule.maxBytes
          ? `The file is too large: the limit is ${formatBytes(rule.maxBytes)}.`
          : "What arrived is not the file that was announced (its size differs). Please try again.",
    };
  if (head.contentType !== row.contentType)
    return {
      ok: false,
      message:
        "What arrived is not the file that was announced (its type differs). Please try again.",
    };
  const sniffed = sniffContentType(await storage.readStart(key, SNIFF_BYTES));
  if (sniffed !== row.contentType)
    return {
      ok: false,
      message: `The file's content is not a ${typeLabel(row.contentType)}: choose ${rule.typesInWords}.`,
    };
  return { ok: true, etag: head.etag };
}

function storageUnavailable(error: unknown): never {
  if (error instanceof StorageUnavailableError)
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      "File storage is not answering. Your upload was kept: try again in a moment.",
      { cause: error },
    );
  throw error;
}

/**
 * Copies the upload to the confirmation's own key, inspects that copy and, when it passes, copies
 * it to the served key (copies happen on the S3 side). Inspecting the upload key itself would
 * leave a window between the checks and the copy in which a replayed PUT swaps the bytes; and a
 * key per attempt keeps two confirmations of the same file from overwriting each other's copy.
 */
async function inspectAndPublish(
  storage: Storage,
  row: FileRow,
  inspectionKey: string,
): Promise<Inspection> {
  if (!(await storage.copy(uploadKeyOf(row.organizationId, row.id), inspectionKey)))
    return didNotArrive;
  const verdict = await inspectUpload(storage, row, inspectionKey);
  // Only the cleanup job, if this confirmation outlived it, removes the copy before this.
  if (verdict.ok && !(await storage.copy(inspectionKey, row.storageKey))) return didNotArrive;
  return verdict;
}

/**
 * The browser says its PUT finished: inspect the object (outside any transaction: S3 round trips
 * hold no connection or lock), then either make the file ready or delete the row, which takes the
 * objects with it, and refuse with what was wrong. Confirming twice, or someone else's upload,
 * changes nothing.
 */
export async function confirmUpload(tenant: InTenant, storage: Storage, id: string) {
  const attemptId = randomUUID();
  const pending = await tenant(async (scope) => {
    const row = await ownPendingUpload(scope, id);
    // The upload objects go once the URL has expired (it was signed before now): a replay after
    // this confirmation, or this confirmation dying halfway, leaves nothing behind. Queued
    // first, so it exists whatever happens next.
    const delaySeconds = UPLOAD_URL_TTL_SECONDS + UPLOAD_CLEANUP_DELAY_SECONDS;
    await scope.enqueue(
      "file.removeUpload",
      { fileId: id, attemptId },
      { runAt: new Date(scope.now().getTime() + delaySeconds * 1000) },
    );
    return row;
  });
  const uploadKey = uploadKeyOf(pending.organizationId, id);
  const inspectionKey = inspectionKeyOf(pending.organizationId, id, attemptId);
  // Removed now rather than by the job when S3 answers; when it does not, the job's there.
  const removeObjects = (keys: string[]) => storage.deleteKeys(keys).catch(() => undefined);
  const verdict = await inspectAndPublish(storage, pending, inspectionKey).catch(
    storageUnavailable,
  );
  if (!verdict.ok) {
    await removeObjects([inspectionKey]);
    const removed = await tenant(async (scope) =>
      scope.db
        .delete(file)
        .where(
          and(
            eq(file.organizationId, scope.organizationId),
            eq(file.id, id),
            eq(file.status, "pending"),
          ),
        )
        .returning({ id: file.id }),
    );
    // A concurrent confirmation made it ready and removed the upload before this one copied it.
    if (removed.length === 0 && verdict === didNotArrive)
      throw new AppError("CONFLICT", "This upload has already been confirmed");
    throw new AppError("BAD_REQUEST", verdict.message);
  }
  const confirmed = await tenant(async (scope) => {
    const policy = filePolicies[pending.purpose];
    await policy.beforeReady?.(scope, pending);
    const [ready] = await scope.db
      .update(file)
      .set({ status: "ready", etag: verdict.etag, confirmedAt: scope.now() })
      .where(
        and(
          eq(file.organizationId, scope.organizationId),
          eq(file.id, id),
          eq(file.status, "pending"),
        ),
      )
      .returning();
    if (ready) {
      await policy.afterReady?.(scope, ready);
      return describeFile(ready);
    }
    // Confirmed by a concurrent call since the first read, or removed meanwhile.
    const [still] = await scope.db
      .select({ id: file.id })
      .from(file)
      .where(and(eq(file.organizationId, scope.organizationId), eq(file.id, id)));
    return { removed: !still };
  });
  if ("removed" in confirmed) {
    await removeObjects([inspectionKey]);
    if (!confirmed.removed)
      throw new AppError("CONFLICT", "This upload has already been confirmed");
    // Cancelled meanwhile: its deletion job may have run before the copy above landed.
    await storage.deleteKeys([pending.storageKey]).catch(storageUnavailable);
    throw notFound("Upload");
  }
  // Only now: a concurrent confirmation still copying the upload must find it.
  await removeObjects([uploadKey, inspectionKey]);
  return confirmed;
}

/**
 * A file the actor may see: ready, or their own pending upload. Another organization's, or one
 * they may not see: NOT_FOUND.
 */
async function visibleFile(scope: TenantScope, id: string): Promise<FileRow> {
  const [row] = await scope.db
    .select()
    .from(file)
    .where(and(eq(file.organizationId, scope.organizationId), eq(file.id, id)));
  if (!row) throw notFound("File");
  if (row.status === "pending") {
    if (scope.actor.kind !== "member" || scope.actor.memberId !== row.uploaderMemberId)
      throw notFound("File");
    return row;
  }
  await filePolicies[row.purpose].assertCanRead(scope, row);
  return row;
}

/** Deletes a file (or cancels one's own pending upload); its object follows through a job. */
export async function removeFile(scope: TenantScope, id: string) {
  const row = await visibleFile(scope, id);
  const policy = filePolicies[row.purpose];
  if (row.status === "ready" && !policy.canRemove(scope, row))
    throw new AppError("FORBIDDEN", policy.whoMayRemove);
  const [removed] = await scope.db
    .delete(file)
    .where(and(eq(file.organizationId, scope.organizationId), eq(file.id, id)))
    .returning();
  if (!removed) throw notFound("File");
  if (removed.status === "ready") await policy.afterRemove?.(scope, removed);
  return { id: removed.id };
}

/** A URL that downloads a ready file for the next minute, under its name. */
export async function downloadUrl(scope: TenantScope, storage: Storage, id: string) {
  const row = await visibleFile(scope, id);
  if (row.status !== "ready") throw notFound("File");
  const url = await storage.presignDownload(
    row.storageKey,
    { filename: row.name, contentType: row.contentType },
    DOWNLOAD_URL_TTL_SECONDS,
  );
  return { url, expiresAt: new Date(scope.now().getTime() + DOWNLOAD_URL_TTL_SECONDS * 1000) };
}

/** Bytes and number of ready files the organization stores (billing's limits read this). */
export async function storageUsed(scope: TenantScope) {
  const [row] = await scope.db
    .select({ bytes: storageUsage.bytes, files: storageUsage.files })
    .from(storageUsage)
    .where(eq(storageUsage.organizationId, scope.organizationId));
  return row ?? { bytes: 0, files: 0 };
}

/** Daily maintenance: uploads never confirmed are removed (their objects through the trigger's job). */
export async function expireUnconfirmedUploads(scope: TenantScope) {
  const cutoff = new Date(scope.now().getTime() - UNCONFIRMED_UPLOAD_HOURS * 3_600_000);
  const removed = await scope.db
    .delete(file)
    .where(
      and(
        eq(file.organizationId, scope.organizationId),
        eq(file.status, "pending"),
        lt(file.createdAt, cutoff),
      ),
    )
    .returning({ id: file.id });
  return removed.length;
}

/**
 * A ready file of any purpose, or null: for the file route, after the request's member was
 * allowed to read it (public-files.ts).
 */
export async function readyFile(scope: TenantScope, id: string) {
  const [row] = await scope.db
    .select()
    .from(file)
    .where(
      and(eq(file.organizationId, scope.organizationId), eq(file.id, id), eq(file.status, "ready")),
    );
  return row ?? null;
}

/** A public file (filePolicies[purpose].public) as the app's stable URL serves it, or null. */
export async function publicFile(scope: TenantScope, id: string) {
  const [row] = await scope.db
    .select()
    .from(file)
    .where(
      and(eq(file.organizationId, scope.organizationId), eq(file.id, id), eq(file.status, "ready")),
    );
  if (!row || !filePolicies[row.purpose].public) return null;
  return row;
}
