import { createLazyRoute } from "@tanstack/react-router";
import { CourseOutlineScreen } from "../../features/learning/course-outline-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/s/$spaceSlug/courses/$courseId")({
  component: Screen,
});

function Screen() {
  const { slug, spaceSlug, courseId } = lazyRoute.useParams();
  return (
    <CourseOutlineScreen key={courseId} slug={slug} spaceSlug={spaceSlug} courseId={courseId} />
  );
}
