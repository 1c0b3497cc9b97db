import { createLazyRoute } from "@tanstack/react-router";
import { CalendarScreen } from "../../features/calendar/calendar-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/calendar")({ component: Screen });

function Screen() {
  const search = lazyRoute.useSearch();
  return <CalendarScreen view={search.view ?? "month"} date={search.date} />;
}
