// Object deletion. Rows come and go in transactions; their objects follow through these jobs,
// retried until S3 has them gone (deleting a missing key succeeds, so running twice is fine).
import { z } from "zod";
import { organizationPrefix } from "../services/file.ts";
import { systemTask, tenantTask } from "./define.ts";

declare module "@guild/db/scope" {
  interface JobPayloads {
    "organization.purgeStorage": Record<string, unknown>;
  }
}

/** A key Guild made: under an organization's prefix, never a bare or relative path. */
const storageKey = z.string().regex(/^org\/[0-9a-f-]{36}\/[^/]+$/, "not a Guild storage key");

export const fileTasks = {
  // Queued by the `file_deleted` trigger (migration 0013) with the keys of deleted rows.
  "storage.delete": systemTask({
    payload: z.object({ keys: z.array(storageKey).max(1000) }),
    async run({ keys }, { deps }) {
      await deps.storage.deleteKeys(keys);
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
