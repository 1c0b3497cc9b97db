// Learning as a member takes it, under an organization: a course's outline and its lessons (in
// their course space), and the organization's leaderboard.
import { courseOutlineRoute } from "./course-outline.tsx";
import { leaderboardRoute } from "./leaderboard.tsx";
import { lessonRoute } from "./lesson.tsx";

export const learnerRoutes = [courseOutlineRoute, lessonRoute, leaderboardRoute];
