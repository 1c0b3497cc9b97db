import { createLazyRoute } from "@tanstack/react-router";
import { PublicCoursePage } from "../features/front-door/public-course-page.tsx";

export const lazyRoute = createLazyRoute("/c/$slug/courses/$courseId")({ component: Screen });

function Screen() {
  const { slug, courseId } = lazyRoute.useParams();
  const { lesson } = lazyRoute.useSearch();
  return <PublicCoursePage slug={slug} courseId={courseId} lessonId={lesson ?? null} />;
}
