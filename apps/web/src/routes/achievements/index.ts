import { achievementsRoute } from "./achievements.tsx";

export const achievementRoutes = [achievementsRoute];
