import { and, chatMessage, eq, inArray } from "@guild/db";
import { eventDomain } from "./define.ts";

// Chat spaces (services/chat.ts). A message's events name the message; the reader learns of
// them only while they see its space. The space is the only right here, so it is decided for all
// of the organization's streams at once (spacesOf, space-gate.ts): a busy chat space costs one
// visibility statement per batch of messages, whatever the number of readers.
export const chatMessageEvents = eventDomain({
  kinds: ["chat.message.posted", "chat.message.edited", "chat.message.deleted"],
  async spacesOf(scope, targetIds) {
    const rows = await scope.db
      .select({ id: chatMessage.id, spaceId: chatMessage.spaceId })
      .from(chatMessage)
      .where(
        and(
          eq(chatMessage.organizationId, scope.organizationId),
          inArray(chatMessage.id, targetIds),
        ),
      );
    return new Map(rows.map((row) => [row.id, row.spaceId]));
  },
});

// "Someone is typing" names the space (the event's actor is who): ephemeral, never stored
// elsewhere (see chatTyping), and heard only by those who see the space.
export const chatTypingEvents = eventDomain({
  kinds: ["chat.typing"],
  spacesOf: async (_scope, targetIds) => new Map(targetIds.map((id) => [id, id])),
});
