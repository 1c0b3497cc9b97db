import { createLazyRoute } from "@tanstack/react-router";
import { CoursePreviewScreen } from "../../features/course-studio/course-preview.tsx";

export const lazyRoute = createLazyRoute(
  "/authed/o/$slug/s/$spaceSlug/courses/$courseId/edit/preview",
)({ component: Screen });

function Screen() {
  const { spaceSlug, courseId } = lazyRoute.useParams();
  return <CoursePreviewScreen key={courseId} spaceSlug={spaceSlug} courseId={courseId} />;
}
