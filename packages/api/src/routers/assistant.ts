import type { TRPCRouterRecord } from "@trpc/server";
import {
  listAssistantConversationsInput,
  renameAssistantConversationInput,
  sendAssistantMessageInput,
  updateAssistantSettingsInput,
} from "../schemas/assistant.ts";
import { byIdInput } from "../schemas/common.ts";
import {
  getAssistantConversation,
  getAssistantSettings,
  listAssistantConversations,
  removeAssistantConversation,
  renameAssistantConversation,
  updateAssistantSettings,
} from "../services/assistant.ts";
import { beginAssistantTurn, streamAssistantAnswer } from "../services/assistant-chat.ts";
import { orgProcedure, orgSubscriptionProcedure, roleProcedure } from "../trpc.ts";
import { toTRPCError } from "../trpc-errors.ts";

// A member's own conversations with the assistant (member-owned: another member's, an admin's
// included, is NOT_FOUND), and the organization's settings for it (admins change them; every
// member reads them, to know whether it is on and what a message costs).
export const assistantRouter = {
  list: orgProcedure
    .input(listAssistantConversationsInput)
    .query(({ ctx, input }) => listAssistantConversations(ctx.scope, input)),
  get: orgProcedure
    .input(byIdInput)
    .query(({ ctx, input }) => getAssistantConversation(ctx.scope, input.id)),
  rename: orgProcedure
    .input(renameAssistantConversationInput)
    .mutation(({ ctx, input }) => renameAssistantConversation(ctx.scope, input)),
  remove: orgProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => removeAssistantConversation(ctx.scope, input.id)),
  /**
   * Asks the assistant: the answer streams as events (services/assistant-chat.ts). Refusals
   * (assistant off, rate limit, credits, someone else's conversation) fail the call before any
   * event; ending the subscription stops the model, and what it said is kept as stopped.
   */
  send: orgSubscriptionProcedure
    .input(sendAssistantMessageInput)
    .subscription(async ({ ctx, input, signal }) => {
      const turn = await beginAssistantTurn(ctx.tenant, ctx.ai, input);
      // Over HTTP tRPC always passes a signal (aborted when the client leaves); a server-side
      // caller only when given one.
      const stream = streamAssistantAnswer(
        ctx.tenant,
        turn,
        input,
        signal ?? new AbortController().signal,
      );
      return (async function* () {
        try {
          yield* stream;
        } catch (error) {
          // A stream's errors bypass the middlewares: typed here (AI_TIMEOUT …), as the web expects.
          throw toTRPCError(error) ?? error;
        }
      })();
    }),
  settings: orgProcedure.query(({ ctx }) => getAssistantSettings(ctx.scope)),
  updateSettings: roleProcedure("admin")
    .input(updateAssistantSettingsInput)
    .mutation(({ ctx, input }) => updateAssistantSettings(ctx.scope, input)),
} satisfies TRPCRouterRecord;
