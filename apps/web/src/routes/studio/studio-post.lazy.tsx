import { createLazyRoute } from "@tanstack/react-router";
import { StudioPostScreen } from "../../features/studio/studio-post-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/studio/$postId")({ component: Screen });

function Screen() {
  const { postId } = lazyRoute.useParams();
  return <StudioPostScreen key={postId} postId={postId} />;
}
