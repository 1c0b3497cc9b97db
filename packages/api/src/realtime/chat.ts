import { and, chatMessage, eq, inArray, space, visibleSpace } from "@guild/db";
import { eventDomain } from "./define.ts";

// Chat spaces (services/chat.ts). A message's events name the message; the reader learns of
// them only while they see its space, decided in their own tenant transaction (the space rule
// and row-level security both apply, so this is the same answer the history query gives).
export const chatMessageEvents = eventDomain({
  kinds: ["chat.message.posted", "chat.message.edited", "chat.message.deleted"],
  async visibleTargets({ scope }, targetIds) {
    const rows = await scope.db
      .select({ id: chatMessage.id })
      .from(chatMessage)
      .where(
        and(
          eq(chatMessage.organizationId, scope.organizationId),
          inArray(chatMessage.id, targetIds),
          visibleSpace(chatMessage.spaceId),
        ),
      );
    return new Set(rows.map((row) => row.id));
  },
});

// "Someone is typing" names the space (the event's actor is who): ephemeral, never stored
// elsewhere (see chatTyping), and heard only by those who see the space.
export const chatTypingEvents = eventDomain({
  kinds: ["chat.typing"],
  async visibleTargets({ scope }, targetIds) {
    const rows = await scope.db
      .select({ id: space.id })
      .from(space)
      .where(
        and(
          eq(space.organizationId, scope.organizationId),
          inArray(space.id, targetIds),
          visibleSpace(space.id),
        ),
      );
    return new Set(rows.map((row) => row.id));
  },
});
