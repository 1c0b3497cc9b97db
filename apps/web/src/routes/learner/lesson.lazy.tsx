import { createLazyRoute } from "@tanstack/react-router";
import { LessonPlayerScreen } from "../../features/learning/lesson-player-screen.tsx";

export const lazyRoute = createLazyRoute(
  "/authed/o/$slug/s/$spaceSlug/courses/$courseId/lessons/$lessonId",
)({ component: Screen });

function Screen() {
  const params = lazyRoute.useParams();
  // One player per lesson: its quiz answers, completion and time clock start afresh.
  return <LessonPlayerScreen key={params.lessonId} {...params} />;
}
