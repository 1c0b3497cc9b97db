import { createLazyRoute } from "@tanstack/react-router";
import { PublicPage } from "../features/front-door/public-page.tsx";

export const lazyRoute = createLazyRoute("/c/$slug")({ component: Screen });

function Screen() {
  const { slug } = lazyRoute.useParams();
  const search = lazyRoute.useSearch();
  return <PublicPage slug={slug} search={search} />;
}
