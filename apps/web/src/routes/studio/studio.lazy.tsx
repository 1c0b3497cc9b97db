import { createLazyRoute } from "@tanstack/react-router";
import { StudioScreen } from "../../features/studio/studio-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/studio")({ component: Screen });

function Screen() {
  const search = lazyRoute.useSearch();
  return <StudioScreen state={search.state ?? "draft"} />;
}
