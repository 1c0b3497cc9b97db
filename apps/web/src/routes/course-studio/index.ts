// Course authoring, under an organization's course space: the course editor, its preview as a
// member, and the lesson editor under it (moderators and up).
import { courseEditorRoute } from "./course-editor.tsx";
import { coursePreviewRoute } from "./course-preview.tsx";
import { lessonEditorRoute } from "./lesson-editor.tsx";

export const courseStudioRoutes = [courseEditorRoute, coursePreviewRoute, lessonEditorRoute];
