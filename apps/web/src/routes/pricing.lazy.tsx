import { createLazyRoute } from "@tanstack/react-router";
import { PricingScreen } from "../features/pricing/pricing-screen.tsx";

export const lazyRoute = createLazyRoute("/pricing")({ component: PricingScreen });
