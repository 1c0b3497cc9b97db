// The AI assistant, under an organization: a new conversation (and the list), and one open.
import { assistantRoute } from "./assistant.tsx";
import { assistantConversationRoute } from "./conversation.tsx";

export const assistantRoutes = [assistantRoute, assistantConversationRoute];
