import type { TRPCRouterRecord } from "@trpc/server";
import {
  blockMemberInput,
  conversationHistoryInput,
  conversationIdInput,
  editMessageInput,
  listConversationsInput,
  messageIdInput,
  sendDirectMessageInput,
  startConversationInput,
} from "../schemas/chat.ts";
import {
  blockMember,
  conversationHistory,
  editDirectMessage,
  getConversation,
  listBlocks,
  listConversations,
  markConversationRead,
  removeDirectMessage,
  sendDirectMessage,
  startConversation,
  unblockMember,
  unreadDirectMessages,
} from "../services/direct-message.ts";
import { orgProcedure } from "../trpc.ts";

// Direct messages (services/direct-message.ts): every member has conversations; only their
// participants read them (NOT_FOUND for anyone else, staff included). Blocks are one's own.
export const directMessageRouter = {
  conversations: orgProcedure
    .input(listConversationsInput)
    .query(({ ctx, input }) => listConversations(ctx.scope, input)),
  get: orgProcedure
    .input(conversationIdInput)
    .query(({ ctx, input }) => getConversation(ctx.scope, input)),
  history: orgProcedure
    .input(conversationHistoryInput)
    .query(({ ctx, input }) => conversationHistory(ctx.scope, input)),
  unread: orgProcedure.query(({ ctx }) => unreadDirectMessages(ctx.scope)),
  start: orgProcedure
    .input(startConversationInput)
    .mutation(({ ctx, input }) => startConversation(ctx.scope, input)),
  send: orgProcedure
    .input(sendDirectMessageInput)
    .mutation(({ ctx, input }) => sendDirectMessage(ctx.scope, input)),
  edit: orgProcedure
    .input(editMessageInput)
    .mutation(({ ctx, input }) => editDirectMessage(ctx.scope, input)),
  remove: orgProcedure
    .input(messageIdInput)
    .mutation(({ ctx, input }) => removeDirectMessage(ctx.scope, input)),
  markRead: orgProcedure
    .input(conversationIdInput)
    .mutation(({ ctx, input }) => markConversationRead(ctx.scope, input)),
  blocks: orgProcedure.query(({ ctx }) => listBlocks(ctx.scope)),
  block: orgProcedure
    .input(blockMemberInput)
    .mutation(({ ctx, input }) => blockMember(ctx.scope, input)),
  unblock: orgProcedure
    .input(blockMemberInput)
    .mutation(({ ctx, input }) => unblockMember(ctx.scope, input)),
} satisfies TRPCRouterRecord;
