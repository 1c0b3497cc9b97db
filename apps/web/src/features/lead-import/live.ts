import type { LiveHandler } from "../realtime/live.ts";

// An import's progress (a batch done) refetches the import on screen; its end refetches the lead
// lists too, which now hold the imported leads (one refetch per import, not one per lead).
export const leadImportLive: LiveHandler = {
  prefix: "leadImport.",
  stale: (event, trpc) =>
    event.kind === "leadImport.finished"
      ? [trpc.leadImport.pathFilter(), trpc.lead.pathFilter()]
      : [trpc.leadImport.pathFilter()],
};
