// Spaces, under an organization: a space's page (the sidebar lists them).
import { spaceRoute } from "./space.tsx";

export const spaceRoutes = [spaceRoute];
