import { createLazyRoute } from "@tanstack/react-router";
import { CommunitySearchScreen } from "../../features/search/community-search-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/search")({ component: Screen });

function Screen() {
  const { slug } = lazyRoute.useParams();
  const params = lazyRoute.useSearch();
  return <CommunitySearchScreen slug={slug} params={params} />;
}
