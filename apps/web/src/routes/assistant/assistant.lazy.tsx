import { createLazyRoute } from "@tanstack/react-router";
import { AssistantScreen } from "../../features/assistant/assistant-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/assistant")({ component: Screen });

function Screen() {
  const { slug } = lazyRoute.useParams();
  return <AssistantScreen slug={slug} />;
}
