import type { TRPCRouterRecord } from "@trpc/server";
import { learnerDashboardInput, lessonAnalyticsInput } from "../schemas/learning-stats.ts";
import { learnerDashboard, lessonAnalytics } from "../services/learning-stats.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

// Learning statistics (services/learning-stats.ts): every member reads their own dashboard;
// the per-lesson sums of everyone's progress are the admins'.
export const learningRouter = {
  dashboard: orgProcedure
    .input(learnerDashboardInput)
    .query(({ ctx, input }) => learnerDashboard(ctx.scope, input)),
  analytics: roleProcedure("admin")
    .input(lessonAnalyticsInput)
    .query(({ ctx, input }) => lessonAnalytics(ctx.scope, input)),
} satisfies TRPCRouterRecord;
