// The content studio: posts by state with a new brief, a post's editor, and the calendar of
// scheduled and published posts (the static /studio/calendar wins over /studio/$postId).
import { studioRoute } from "./studio.tsx";
import { studioCalendarRoute } from "./studio-calendar.tsx";
import { studioPostRoute } from "./studio-post.tsx";

export const studioRoutes = [studioRoute, studioCalendarRoute, studioPostRoute];
