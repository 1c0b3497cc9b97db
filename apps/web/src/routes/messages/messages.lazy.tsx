import { createLazyRoute } from "@tanstack/react-router";
import { MessagesScreen } from "../../features/messages/messages-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/messages")({ component: Screen });

function Screen() {
  const { slug } = lazyRoute.useParams();
  return <MessagesScreen slug={slug} />;
}
