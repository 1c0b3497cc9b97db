import { membersRoute } from "./members.tsx";

export const memberRoutes = [membersRoute];
