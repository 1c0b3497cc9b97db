import { profileRoute } from "./profile.tsx";

export const profileRoutes = [profileRoute];
