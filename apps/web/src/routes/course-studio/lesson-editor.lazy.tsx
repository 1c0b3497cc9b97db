import { createLazyRoute } from "@tanstack/react-router";
import { LessonEditorScreen } from "../../features/course-studio/lesson-editor.tsx";

export const lazyRoute = createLazyRoute(
  "/authed/o/$slug/s/$spaceSlug/courses/$courseId/edit/lessons/$lessonId",
)({ component: Screen });

function Screen() {
  const { spaceSlug, courseId, lessonId } = lazyRoute.useParams();
  return (
    <LessonEditorScreen
      key={lessonId}
      spaceSlug={spaceSlug}
      courseId={courseId}
      lessonId={lessonId}
    />
  );
}
