import { createLazyRoute } from "@tanstack/react-router";
import { PageHeader } from "../../components/card.tsx";
import { HomeFeed } from "../../features/posts/post-feed.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/feed")({ component: Screen });

function Screen() {
  const { slug } = lazyRoute.useParams();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Feed" description="Posts from every space you can see." />
      <HomeFeed slug={slug} title="All posts" />
    </div>
  );
}
