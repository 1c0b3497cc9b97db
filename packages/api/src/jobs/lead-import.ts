import { z } from "zod";
import { importNextLeadBatch } from "../services/lead-import.ts";
import { tenantTask } from "./define.ts";

export const leadImportTasks = {
  // Queued by leadImport.start: the import's rows, a batch per short tenant transaction (each
  // moves the import's position with the leads it creates), until none is left. Stopped or
  // failed halfway, the retry goes on from the last committed batch.
  "leadImport.run": tenantTask<"leadImport.run">({
    payload: z.object({ importId: z.uuid() }),
    run: async ({ importId }, { tenant, helpers }) => {
      while (await tenant((scope) => importNextLeadBatch(scope, importId)))
        // Shutting down: the next attempt continues where this one stopped.
        helpers.abortSignal?.throwIfAborted();
    },
  }),
};
