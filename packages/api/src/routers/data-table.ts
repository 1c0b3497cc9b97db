import type { TRPCRouterRecord } from "@trpc/server";
import { setTablePreferenceInput, tablePreferenceInput } from "../schemas/data-table.ts";
import { getTablePreference, setTablePreference } from "../services/data-table.ts";
import { orgProcedure } from "../trpc.ts";

// Every member's own choices for the data tables (member-owned rows: no one else reads them).
export const dataTableRouter = {
  preference: orgProcedure
    .input(tablePreferenceInput)
    .query(({ ctx, input }) => getTablePreference(ctx.scope, input)),
  setPreference: orgProcedure
    .input(setTablePreferenceInput)
    .mutation(({ ctx, input }) => setTablePreference(ctx.scope, input)),
} satisfies TRPCRouterRecord;
