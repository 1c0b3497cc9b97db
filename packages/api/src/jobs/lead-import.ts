import { z } from "zod";
import { failLeadImport, importNextLeadBatch } from "../services/lead-import.ts";
import type { TenantTaskContext } from "./define.ts";
import { tenantTask } from "./define.ts";

/**
 * Runs an import's work; when it throws on the job's last attempt, the import is marked failed
 * first, so its screen ends instead of showing a run that will never move again.
 */
export async function failingOnLastAttempt(
  importId: string,
  context: TenantTaskContext,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const { job } = context.helpers;
    if (job.attempts >= job.max_attempts)
      await context.tenant((scope) => failLeadImport(scope, importId));
    throw error;
  }
}

export const leadImportTasks = {
  // Queued by leadImport.start: the import's rows, a batch per short tenant transaction (each
  // moves the import's position with the leads it creates), until none is left. Stopped or
  // failed halfway, the retry goes on from the last committed batch.
  "leadImport.run": tenantTask<"leadImport.run">({
    payload: z.object({ importId: z.uuid() }),
    run: ({ importId }, context) =>
      failingOnLastAttempt(importId, context, async () => {
        while (await context.tenant((scope) => importNextLeadBatch(scope, importId)))
          // Shutting down: the next attempt continues where this one stopped.
          context.helpers.abortSignal?.throwIfAborted();
      }),
  }),
};
