import { createLazyRoute } from "@tanstack/react-router";
import { MessagesScreen } from "../../features/messages/messages-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/messages/$conversationId")({
  component: Screen,
});

function Screen() {
  const { slug, conversationId } = lazyRoute.useParams();
  return <MessagesScreen slug={slug} conversationId={conversationId} />;
}
