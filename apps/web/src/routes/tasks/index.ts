// The CRM's tasks, under an organization.
import { tasksRoute } from "./tasks.tsx";

export const taskRoutes = [tasksRoute];
