import type { TRPCRouterRecord } from "@trpc/server";
import { byIdInput } from "../schemas/common.ts";
import {
  listStudioPostsInput,
  saveStudioPostInput,
  scheduleStudioPostInput,
  setStudioWebhookInput,
  studioCalendarInput,
  updateStudioPostInput,
} from "../schemas/studio.ts";
import {
  createStudioDraft,
  duplicateStudioPost,
  getStudioPost,
  listStudioPosts,
  removeStudioPost,
  retryStudioPost,
  rotateStudioWebhookSecret,
  scheduleStudioPost,
  setStudioWebhook,
  studioCalendar,
  studioWebhookSettings,
  unscheduleStudioPost,
  updateStudioPost,
} from "../services/studio.ts";
import { orgProcedure, roleProcedure } from "../trpc.ts";

// The content studio (services/studio.ts): every member has one, and their posts are theirs alone
// (anyone else's, admins' included, is NOT_FOUND). The outgoing webhook is the organization's,
// set by admins.
export const studioRouter = {
  list: orgProcedure
    .input(listStudioPostsInput)
    .query(({ ctx, input }) => listStudioPosts(ctx.scope, input)),
  get: orgProcedure.input(byIdInput).query(({ ctx, input }) => getStudioPost(ctx.scope, input.id)),
  calendar: orgProcedure
    .input(studioCalendarInput)
    .query(({ ctx, input }) => studioCalendar(ctx.scope, input)),
  save: orgProcedure
    .input(saveStudioPostInput)
    .mutation(({ ctx, input }) => createStudioDraft(ctx.scope, input)),
  update: orgProcedure
    .input(updateStudioPostInput)
    .mutation(({ ctx, input }) => updateStudioPost(ctx.scope, input)),
  duplicate: orgProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => duplicateStudioPost(ctx.scope, input.id)),
  remove: orgProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => removeStudioPost(ctx.scope, input.id)),
  /** Into a space (as the author, with their rights) or to the webhook, at `at`; again to move it. */
  schedule: orgProcedure
    .input(scheduleStudioPostInput)
    .mutation(({ ctx, input }) => scheduleStudioPost(ctx.scope, input)),
  unschedule: orgProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => unscheduleStudioPost(ctx.scope, input.id)),
  /** A failed post, again now, where it was meant to go. */
  retry: orgProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => retryStudioPost(ctx.scope, input.id)),
  webhookSettings: roleProcedure("admin").query(({ ctx }) => studioWebhookSettings(ctx.scope)),
  /** The first time, the answer carries the signing secret: it is shown this once. */
  setWebhook: roleProcedure("admin")
    .input(setStudioWebhookInput)
    .mutation(({ ctx, input }) => setStudioWebhook(ctx.scope, input)),
  /** A new signing secret, in this answer only. */
  rotateSecret: roleProcedure("admin").mutation(({ ctx }) => rotateStudioWebhookSecret(ctx.scope)),
} satisfies TRPCRouterRecord;
