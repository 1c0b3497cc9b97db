import type { TRPCRouterRecord } from "@trpc/server";
import {
  listAssistantConversationsInput,
  renameAssistantConversationInput,
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
import { orgProcedure, roleProcedure } from "../trpc.ts";

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
  settings: orgProcedure.query(({ ctx }) => getAssistantSettings(ctx.scope)),
  updateSettings: roleProcedure("admin")
    .input(updateAssistantSettingsInput)
    .mutation(({ ctx, input }) => updateAssistantSettings(ctx.scope, input)),
} satisfies TRPCRouterRecord;
