// Direct messages, under an organization: the conversation list, and one conversation open.
import { conversationRoute } from "./conversation.tsx";
import { messagesRoute } from "./messages.tsx";

export const messageRoutes = [messagesRoute, conversationRoute];
