// Community search, under an organization.
import { communitySearchRoute } from "./search.tsx";

export const searchRoutes = [communitySearchRoute];
