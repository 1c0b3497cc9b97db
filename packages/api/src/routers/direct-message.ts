import type { TRPCRouterRecord } from "@trpc/server";
import {
  addPeopleInput,
  blockMemberInput,
  conversationHistoryInput,
  conversationIdInput,
  editMessageInput,
  listConversationsInput,
  messageIdInput,
  removePersonInput,
  sendDirectMessageInput,
  startConversationInput,
} from "../schemas/chat.ts";
import {
  addPeople,
  blockMember,
  conversationHistory,
  editDirectMessage,
  getConversation,
  leaveConversation,
  listBlocks,
  listConversations,
  markConversationRead,
  removeDirectMessage,
  removePerson,
  sendDirectMessage,
  startConversation,
  unblockMember,
  unreadDirectMessages,
} from "../services/direct-message.ts";
import { orgProcedure } from "../trpc.ts";

// Direct messages (services/direct-message.ts): every member has conversations; only their
// participants read them (NOT_FOUND for anyone else, staff included). Any participant adds people
// to a group, its starter removes them, anyone leaves. Blocks are one's own.
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
  addPeople: orgProcedure
    .input(addPeopleInput)
    .mutation(({ ctx, input }) => addPeople(ctx.scope, input)),
  removePerson: orgProcedure
    .input(removePersonInput)
    .mutation(({ ctx, input }) => removePerson(ctx.scope, input)),
  leave: orgProcedure
    .input(conversationIdInput)
    .mutation(({ ctx, input }) => leaveConversation(ctx.scope, input)),
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
