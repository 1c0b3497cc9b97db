import { createLazyRoute } from "@tanstack/react-router";
import { CourseEditorScreen } from "../../features/course-studio/course-editor.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/s/$spaceSlug/courses/$courseId/edit")({
  component: Screen,
});

function Screen() {
  const { spaceSlug, courseId } = lazyRoute.useParams();
  return <CourseEditorScreen key={courseId} spaceSlug={spaceSlug} courseId={courseId} />;
}
