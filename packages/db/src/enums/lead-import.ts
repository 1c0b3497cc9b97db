/**
 * Where an import stands: rows arriving (uploading), waiting for or in its job (queued, running),
 * over (done), refused because a row was bad and the importer chose to import nothing, or given
 * up after its job failed every attempt (failed: the batches before stay imported), or stopped by
 * a member (cancelled: the job stops before its next batch; the batches before stay imported).
 */
export const leadImportStatuses = [
  "uploading",
  "queued",
  "running",
  "done",
  "rejected",
  "failed",
  "cancelled",
] as const;
export type LeadImportStatus = (typeof leadImportStatuses)[number];

/** What the importer chose for bad rows: skip them, or import nothing if any row is bad. */
export const leadImportBadRowModes = ["skip", "reject"] as const;
export type LeadImportBadRowMode = (typeof leadImportBadRowModes)[number];

/** A row of the file: waiting for the job, bad, imported, or skipped as a duplicate email. */
export const leadImportRowStatuses = ["pending", "invalid", "imported", "duplicate"] as const;
export type LeadImportRowStatus = (typeof leadImportRowStatuses)[number];
