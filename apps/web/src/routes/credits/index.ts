import { creditsRoute } from "./credits.tsx";

export const creditRoutes = [creditsRoute];
