import { billingRoute } from "./billing.tsx";

export const billingRoutes = [billingRoute];
