import type { TRPCRouterRecord } from "@trpc/server";
import {
  createCommentInput,
  listCommentsInput,
  listRepliesInput,
  updateCommentInput,
} from "../schemas/comment.ts";
import { byIdInput } from "../schemas/common.ts";
import {
  createComment,
  listComments,
  listReplies,
  removeComment,
  updateComment,
} from "../services/comment.ts";
import { orgProcedure } from "../trpc.ts";

// Comments (services/comment.ts): every member who sees a post reads its thread and replies
// (NOT_FOUND for a post in a space they cannot see; FORBIDDEN on a locked post); only a
// comment's author edits or deletes it.
export const commentRouter = {
  list: orgProcedure
    .input(listCommentsInput)
    .query(({ ctx, input }) => listComments(ctx.scope, input)),
  replies: orgProcedure
    .input(listRepliesInput)
    .query(({ ctx, input }) => listReplies(ctx.scope, input)),
  create: orgProcedure
    .input(createCommentInput)
    .mutation(({ ctx, input }) => createComment(ctx.scope, input)),
  update: orgProcedure
    .input(updateCommentInput)
    .mutation(({ ctx, input }) => updateComment(ctx.scope, input)),
  remove: orgProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => removeComment(ctx.scope, input)),
} satisfies TRPCRouterRecord;
