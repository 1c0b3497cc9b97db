import type { TRPCRouterRecord } from "@trpc/server";
import {
  listReportsInput,
  moderationRemoveInput,
  reportContentInput,
  resolveReportInput,
  setHiddenInput,
  setPostLockedInput,
  setPostPinnedInput,
} from "../schemas/moderation.ts";
import {
  listOpenReports,
  moderatorRemoveComment,
  moderatorRemovePost,
  reportContent,
  resolveReport,
  setCommentHidden,
  setPostHidden,
  setPostLocked,
  setPostPinned,
} from "../services/moderation.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

// Moderation (services/moderation.ts, policies/moderation.ts): moderators and up act on any post
// or comment in the organization and work the report queue; every member reports what they can
// read. Below moderator each action is FORBIDDEN before anything is read; an id they cannot
// reach is NOT_FOUND, as one that does not exist.
const moderator = roleProcedure("moderator");

export const moderationRouter = {
  setPostPinned: moderator
    .input(setPostPinnedInput)
    .mutation(({ ctx, input }) => setPostPinned(ctx.scope, input)),
  setPostLocked: moderator
    .input(setPostLockedInput)
    .mutation(({ ctx, input }) => setPostLocked(ctx.scope, input)),
  setPostHidden: moderator
    .input(setHiddenInput)
    .mutation(({ ctx, input }) => setPostHidden(ctx.scope, input)),
  removePost: moderator
    .input(moderationRemoveInput)
    .mutation(({ ctx, input }) => moderatorRemovePost(ctx.scope, input)),
  setCommentHidden: moderator
    .input(setHiddenInput)
    .mutation(({ ctx, input }) => setCommentHidden(ctx.scope, input)),
  removeComment: moderator
    .input(moderationRemoveInput)
    .mutation(({ ctx, input }) => moderatorRemoveComment(ctx.scope, input)),
  report: orgProcedure
    .input(reportContentInput)
    .mutation(({ ctx, input }) => reportContent(ctx.scope, input)),
  reports: moderator
    .input(listReportsInput)
    .query(({ ctx, input }) => listOpenReports(ctx.scope, input)),
  resolveReport: moderator
    .input(resolveReportInput)
    .mutation(({ ctx, input }) => resolveReport(ctx.scope, input)),
} satisfies TRPCRouterRecord;
