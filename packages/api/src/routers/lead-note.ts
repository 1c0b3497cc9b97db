import type { TRPCRouterRecord } from "@trpc/server";
import { crmProcedure } from "../rungs/crm.ts";
import { byIdInput } from "../schemas/common.ts";
import { addLeadNoteInput, updateLeadNoteInput } from "../schemas/lead-note.ts";
import {
  addLeadNote,
  removeLeadNote,
  restoreLeadNote,
  updateLeadNote,
} from "../services/lead-note.ts";

// Notes and logged calls, meetings and emails on a lead: the CRM's staff write them (read them
// through lead.timeline); whose note it is decides who edits and deletes it, in the service
// (policies/lead-note.ts), since that needs the row.
const write = crmProcedure("write");

export const leadNoteRouter = {
  add: write.input(addLeadNoteInput).mutation(({ ctx, input }) => addLeadNote(ctx.scope, input)),
  /** The author's own note only. */
  update: write
    .input(updateLeadNoteInput)
    .mutation(({ ctx, input }) => updateLeadNote(ctx.scope, input)),
  /** The author's, or any for an admin; soft, for the web's Undo (restore). */
  remove: write.input(byIdInput).mutation(({ ctx, input }) => removeLeadNote(ctx.scope, input)),
  restore: write.input(byIdInput).mutation(({ ctx, input }) => restoreLeadNote(ctx.scope, input)),
} satisfies TRPCRouterRecord;
