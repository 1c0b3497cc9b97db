import type { TRPCRouterRecord } from "@trpc/server";
import {
  chatHistoryInput,
  chatTypingInput,
  editMessageInput,
  messageIdInput,
  postChatMessageInput,
} from "../schemas/chat.ts";
import {
  chatHistory,
  chatTyping,
  editChatMessage,
  postChatMessage,
  removeChatMessage,
} from "../services/chat.ts";
import { orgProcedure } from "../trpc.ts";

// Chat spaces (services/chat.ts): whoever sees a chat space reads and writes it; a space the
// caller cannot see is NOT_FOUND (the database's rule). Authors edit and delete their messages,
// moderators delete anyone's.
export const chatRouter = {
  history: orgProcedure
    .input(chatHistoryInput)
    .query(({ ctx, input }) => chatHistory(ctx.scope, input)),
  post: orgProcedure
    .input(postChatMessageInput)
    .mutation(({ ctx, input }) => postChatMessage(ctx.scope, input)),
  edit: orgProcedure
    .input(editMessageInput)
    .mutation(({ ctx, input }) => editChatMessage(ctx.scope, input)),
  remove: orgProcedure
    .input(messageIdInput)
    .mutation(({ ctx, input }) => removeChatMessage(ctx.scope, input)),
  typing: orgProcedure
    .input(chatTypingInput)
    .mutation(({ ctx, input }) => chatTyping(ctx.scope, input)),
} satisfies TRPCRouterRecord;
