import { tiersRoute } from "./tiers.tsx";

export const tierRoutes = [tiersRoute];
