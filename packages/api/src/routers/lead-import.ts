import type { TRPCRouterRecord } from "@trpc/server";
import { crmProcedure } from "../rungs/crm.ts";
import { byIdInput } from "../schemas/common.ts";
import {
  addLeadImportRowsInput,
  createLeadImportInput,
  leadImportBadRowsInput,
  leadImportFileInput,
  listLeadImportsInput,
} from "../schemas/lead-import.ts";
import {
  addLeadImportRows,
  cancelLeadImport,
  createLeadImport,
  findResumableLeadImport,
  getLeadImport,
  listLeadImportBadRows,
  listLeadImports,
  startLeadImport,
} from "../services/lead-import.ts";

// Whoever may create leads may import them (policies/lead.ts: CRM staff); whoever may read leads
// may follow an import and read its bad rows.
const read = crmProcedure("read");
const write = crmProcedure("write");

export const leadImportRouter = {
  /** A new import, waiting for its rows. */
  create: write
    .input(createLeadImportInput)
    .mutation(({ ctx, input }) => createLeadImport(ctx.scope, input)),
  /**
   * A chunk of rows (at most 2,000, each cell cut to MAX_IMPORT_CELL): rows travel as parsed JSON
   * in chunks rather than as one uploaded file, so every request stays far below the server's
   * 1 MiB body limit and is checked row by row by the same code the browser ran, and a lost
   * chunk is sent again without starting over.
   */
  addRows: write
    .input(addLeadImportRowsInput)
    .mutation(({ ctx, input }) => addLeadImportRows(ctx.scope, input)),
  /** Every row has arrived: import (or refuse, for bad rows if so chosen) in a background job. */
  start: write.input(byIdInput).mutation(({ ctx, input }) => startLeadImport(ctx.scope, input.id)),
  /**
   * Stops an upload or a running job before its next batch; the leads of the batches done stay.
   * Any CRM staff may, not only the importer: a colleague's runaway import is everyone's problem.
   */
  cancel: write
    .input(byIdInput)
    .mutation(({ ctx, input }) => cancelLeadImport(ctx.scope, input.id)),
  /** The caller's own stopped upload of the same file (hash and size), to continue, or null. */
  resumable: write
    .input(leadImportFileInput)
    .query(({ ctx, input }) => findResumableLeadImport(ctx.scope, input)),
  byId: read.input(byIdInput).query(({ ctx, input }) => getLeadImport(ctx.scope, input.id)),
  /** The organization's imports, newest first: who, when, where each stands, its counts. */
  list: read
    .input(listLeadImportsInput)
    .query(({ ctx, input }) => listLeadImports(ctx.scope, input)),
  badRows: read
    .input(leadImportBadRowsInput)
    .query(({ ctx, input }) => listLeadImportBadRows(ctx.scope, input)),
} satisfies TRPCRouterRecord;
