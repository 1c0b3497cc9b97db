import { createLazyRoute } from "@tanstack/react-router";
import { StudioCalendarScreen } from "../../features/studio/studio-calendar-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/studio/calendar")({
  component: Screen,
});

function Screen() {
  const search = lazyRoute.useSearch();
  return <StudioCalendarScreen date={search.date} />;
}
