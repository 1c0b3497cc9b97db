import type { TRPCRouterRecord } from "@trpc/server";
import { byIdInput } from "../schemas/common.ts";
import {
  bulkRemoveLeadsInput,
  changeLeadStatusInput,
  createLeadInput,
  listLeadsInput,
  updateLeadInput,
} from "../schemas/lead.ts";
import {
  bulkRemoveLeads,
  changeLeadStatus,
  createLead,
  getLead,
  listLeads,
  pipelineSummary,
  updateLead,
} from "../services/lead.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

// Every member works the pipeline; bulk deletion is for admins.
export const leadRouter = {
  list: orgProcedure
    .input(listLeadsInput)
    .query(({ ctx, input }) => listLeads(ctx.db, ctx.organizationId, input)),
  byId: orgProcedure
    .input(byIdInput)
    .query(({ ctx, input }) => getLead(ctx.db, ctx.organizationId, input.id)),
  create: orgProcedure
    .input(createLeadInput)
    .mutation(({ ctx, input }) => createLead(ctx.db, ctx.organizationId, input)),
  update: orgProcedure
    .input(updateLeadInput)
    .mutation(({ ctx, input }) => updateLead(ctx.db, ctx.organizationId, input)),
  changeStatus: orgProcedure
    .input(changeLeadStatusInput)
    .mutation(({ ctx, input }) => changeLeadStatus(ctx.db, ctx.organizationId, input)),
  pipelineSummary: orgProcedure.query(({ ctx }) => pipelineSummary(ctx.db, ctx.organizationId)),
  bulkRemove: roleProcedure("admin")
    .input(bulkRemoveLeadsInput)
    .mutation(({ ctx, input }) => bulkRemoveLeads(ctx.db, ctx.organizationId, input)),
} satisfies TRPCRouterRecord;
