// Object deletion. Rows come and go in transactions; their objects follow through these jobs,
// retried until S3 has them gone (deleting a missing key succeeds, so running twice is fine).
import { z } from "zod";
import { inspectionKeyOf, organizationPrefix, uploadKeyOf } from "../services/file.ts";
import { systemTask, tenantTask } from "./define.ts";

declare module "@guild/db/scope" {
  interface JobPayloads {
    "organization.purgeStorage": Record<string, unknown>;
    "file.removeUpload": { fileId: string; attemptId: string };
  }
}

/** A key Guild made: under an organization's prefix (or its uploads/), never a bare or relative path. */
const storageKey = z
  .string()
  .regex(/^org\/[0-9a-f-]{36}\/(uploads\/)?[^/]+$/, "not a Guild storage key");

export const fileTasks = {
  // Queued by the `file_deleted` trigger (migration 0013) with the keys of deleted rows.
  "storage.delete": systemTask({
    payload: z.object({ keys: z.array(storageKey).max(1000) }),
    async run({ keys }, { deps }) {
      await deps.storage.deleteKeys(keys);
    },
  }),
  // Queued by file.confirmUpload for once the upload URL has expired: the upload key (which a
  // replayed PUT can recreate after the confirmation removed it) and the confirmation's own
  // copy (left behind if it died halfway). Keys come from ids; the file may be gone by now, and
  // so may the organization, so this opens no tenant transaction.
  "file.removeUpload": tenantTask<"file.removeUpload">({
    payload: z.object({ fileId: z.uuid(), attemptId: z.uuid() }),
    async run({ fileId, attemptId }, { organizationId, deps }) {
      await deps.storage.deleteKeys([
        uploadKeyOf(organizationId, fileId),
        inspectionKeyOf(organizationId, fileId, attemptId),
      ]);
    },
  }),
  // Queued when an organization is deleted, after the upload URLs it handed out have expired:
  // whatever is left under its prefix (an object whose row never existed) goes too. The
  // organization is gone, so this opens no tenant transaction.
  "organization.purgeStorage": tenantTask<"organization.purgeStorage">({
    payload: z.object({}).loose(),
    async run(_payload, { organizationId, deps }) {
      const deleted = await deps.storage.deletePrefix(organizationPrefix(organizationId));
      if (deleted > 0)
        deps.log("info", "storage: purged a deleted organization's objects", {
          organizationId,
          deleted,
        });
    },
  }),
};
