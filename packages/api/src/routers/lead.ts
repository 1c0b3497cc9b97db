import type { TRPCRouterRecord } from "@trpc/server";
import { byIdInput } from "../schemas/common.ts";
import { leadAttachmentsInput, leadAttachmentUploadInput } from "../schemas/file.ts";
import {
  changeLeadStatusInput,
  createLeadInput,
  leadIdsInput,
  leadTimelineInput,
  listLeadsInput,
  updateLeadInput,
} from "../schemas/lead.ts";
import {
  changeLeadStatus,
  createLead,
  getLead,
  leadTimeline,
  listLeads,
  pipelineSummary,
  removeLeads,
  restoreLeads,
  updateLead,
} from "../services/lead.ts";
import { listLeadAttachments, startLeadAttachmentUpload } from "../services/lead-attachment.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";
import { uploadRateLimit } from "./file.ts";

// Every member works the pipeline; deleting (and undoing it) is for admins.
export const leadRouter = {
  list: orgProcedure.input(listLeadsInput).query(({ ctx, input }) => listLeads(ctx.scope, input)),
  byId: orgProcedure.input(byIdInput).query(({ ctx, input }) => getLead(ctx.scope, input.id)),
  timeline: orgProcedure
    .input(leadTimelineInput)
    .query(({ ctx, input }) => leadTimeline(ctx.scope, input)),
  create: orgProcedure
    .input(createLeadInput)
    .mutation(({ ctx, input }) => createLead(ctx.scope, input)),
  update: orgProcedure
    .input(updateLeadInput)
    .mutation(({ ctx, input }) => updateLead(ctx.scope, input)),
  changeStatus: orgProcedure
    .input(changeLeadStatusInput)
    .mutation(({ ctx, input }) => changeLeadStatus(ctx.scope, input)),
  pipelineSummary: orgProcedure.query(({ ctx }) => pipelineSummary(ctx.scope)),
  remove: roleProcedure("admin")
    .input(leadIdsInput)
    .mutation(({ ctx, input }) => removeLeads(ctx.scope, input)),
  restore: roleProcedure("admin")
    .input(leadIdsInput)
    .mutation(({ ctx, input }) => restoreLeads(ctx.scope, input)),
  listAttachments: orgProcedure
    .input(leadAttachmentsInput)
    .query(({ ctx, input }) => listLeadAttachments(ctx.scope, input.leadId)),
  /** A presigned URL to PUT the file to; then file.confirmUpload. */
  startAttachmentUpload: orgProcedure
    .concat(uploadRateLimit)
    .input(leadAttachmentUploadInput)
    .mutation(({ ctx, input }) => startLeadAttachmentUpload(ctx.scope, ctx.storage, input)),
} satisfies TRPCRouterRecord;
