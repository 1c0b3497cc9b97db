import { createLazyRoute } from "@tanstack/react-router";
import { LeaderboardScreen } from "../../features/learning/leaderboard-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/leaderboard")({ component: Screen });

function Screen() {
  const { slug } = lazyRoute.useParams();
  const search = lazyRoute.useSearch();
  return <LeaderboardScreen slug={slug} search={search} />;
}
