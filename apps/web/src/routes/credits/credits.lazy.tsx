import { createLazyRoute } from "@tanstack/react-router";
import { CreditsScreen } from "../../features/credits/credits-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/credits")({
  component: CreditsScreen,
});
