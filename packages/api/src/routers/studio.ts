import type { TRPCRouterRecord } from "@trpc/server";
import { byIdInput } from "../schemas/common.ts";
import {
  generateStudioPostInput,
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
import { generateStudioPost } from "../services/studio-generate.ts";
import { orgProcedure, orgSubscriptionProcedure, roleProcedure } from "../trpc.ts";
import { toTRPCError } from "../trpc-errors.ts";

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
  /**
   * A post from a brief, streamed: `started` (the credit spent, the draft's id), `delta`s of text
   * as the model writes them, then `done` with the saved draft (at most 500 characters). Stopping
   * the subscription stops the model and gives the credit back; so does a model failure, which
   * ends the stream with its typed error (AI_RATE_LIMITED, AI_UNAVAILABLE, AI_TIMEOUT,
   * AI_STREAM_CUT; INSUFFICIENT_CREDITS before anything starts; AI_DISABLED without a model).
   */
  generate: orgSubscriptionProcedure.input(generateStudioPostInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    try {
      yield* generateStudioPost({ ai: ctx.ai, tenant: ctx.tenant, signal }, input);
    } catch (error) {
      // A stream's errors bypass the middlewares: typed here, or a retryable 500.
      throw toTRPCError(error) ?? error;
    }
  }),
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
