import { createLazyRoute } from "@tanstack/react-router";
import { PostScreen } from "../../features/posts/post-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/s/$spaceSlug/p/$postId")({
  component: Screen,
});

function Screen() {
  const { slug, postId } = lazyRoute.useParams();
  return <PostScreen key={postId} slug={slug} postId={postId} />;
}
