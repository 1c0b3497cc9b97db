import type { TRPCRouterRecord } from "@trpc/server";
import { crmProcedure } from "../rungs/crm.ts";
import { byIdInput } from "../schemas/common.ts";
import { leadAttachmentsInput, leadAttachmentUploadInput } from "../schemas/file.ts";
import {
  bulkAssignLeadsInput,
  bulkChangeLeadStatusInput,
  changeLeadStatusInput,
  createLeadInput,
  exportLeadsInput,
  leadFilter,
  leadIdsInput,
  leadSelection,
  leadTimelineInput,
  listLeadsInput,
  salesReportInput,
  updateLeadInput,
} from "../schemas/lead.ts";
import {
  changeLeadStatus,
  createLead,
  exportLeadsPage,
  getLead,
  listLeads,
  pipelineSummary,
  removeLeads,
  restoreLeads,
  updateLead,
} from "../services/lead.ts";
import { listLeadAttachments, startLeadAttachmentUpload } from "../services/lead-attachment.ts";
import {
  bulkAssignLeads,
  bulkChangeLeadStatus,
  bulkRemoveLeads,
  countLeads,
} from "../services/lead-bulk.ts";
import { salesReport } from "../services/lead-report.ts";
import { leadTimeline } from "../services/lead-timeline.ts";
import { uploadRateLimit } from "./file.ts";

// Staff only (policies/lead.ts): owners, admins and members granted CRM access work the
// pipeline; deleting (and undoing it) is for admins.
const read = crmProcedure("read");
const write = crmProcedure("write");
const deleting = crmProcedure("delete");

export const leadRouter = {
  list: read.input(listLeadsInput).query(({ ctx, input }) => listLeads(ctx.scope, input)),
  /** How many leads the list's filter matches (exact up to LEAD_COUNT_CAP). */
  count: read.input(leadFilter).query(({ ctx, input }) => countLeads(ctx.scope, input)),
  /** A page of the CSV export (GET /api/export/leads.csv drives it page by page). */
  exportPage: read
    .input(exportLeadsInput)
    .query(({ ctx, input }) => exportLeadsPage(ctx.scope, input)),
  byId: read.input(byIdInput).query(({ ctx, input }) => getLead(ctx.scope, input.id)),
  timeline: read.input(leadTimelineInput).query(({ ctx, input }) => leadTimeline(ctx.scope, input)),
  create: write.input(createLeadInput).mutation(({ ctx, input }) => createLead(ctx.scope, input)),
  update: write.input(updateLeadInput).mutation(({ ctx, input }) => updateLead(ctx.scope, input)),
  changeStatus: write
    .input(changeLeadStatusInput)
    .mutation(({ ctx, input }) => changeLeadStatus(ctx.scope, input)),
  pipelineSummary: read.query(({ ctx }) => pipelineSummary(ctx.scope)),
  /** The dashboard: stages, conversion between them and won value per month, for a period. */
  salesReport: read
    .input(salesReportInput)
    .query(({ ctx, input }) => salesReport(ctx.scope, input)),
  remove: deleting.input(leadIdsInput).mutation(({ ctx, input }) => removeLeads(ctx.scope, input)),
  restore: deleting
    .input(leadIdsInput)
    .mutation(({ ctx, input }) => restoreLeads(ctx.scope, input)),
  // By filter ("select all N matching") or by ids among its matches; see services/lead-bulk.ts.
  bulkChangeStatus: write
    .input(bulkChangeLeadStatusInput)
    .mutation(({ ctx, input }) => bulkChangeLeadStatus(ctx.scope, input)),
  bulkAssign: write
    .input(bulkAssignLeadsInput)
    .mutation(({ ctx, input }) => bulkAssignLeads(ctx.scope, input)),
  bulkRemove: deleting
    .input(leadSelection)
    .mutation(({ ctx, input }) => bulkRemoveLeads(ctx.scope, input)),
  listAttachments: read
    .input(leadAttachmentsInput)
    .query(({ ctx, input }) => listLeadAttachments(ctx.scope, input.leadId)),
  /** A presigned URL to PUT the file to; then file.confirmUpload. */
  startAttachmentUpload: write
    .concat(uploadRateLimit)
    .input(leadAttachmentUploadInput)
    .mutation(({ ctx, input }) => startLeadAttachmentUpload(ctx.scope, ctx.storage, input)),
} satisfies TRPCRouterRecord;
