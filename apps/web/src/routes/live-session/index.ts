// Live sessions, under an organization: a session's attendance and feedback for its hosts (the
// event page itself is the events domain's).
import { sessionAttendanceRoute } from "./attendance.tsx";

export const liveSessionRoutes = [sessionAttendanceRoute];
