// Which back-office screen a route shows (policies/back-office.ts), as the route's static data:
// the organization layout (features/organizations/back-office-gate.tsx) answers "not allowed"
// to anyone who does not open it, by the same table the navigation offers screens by. A type
// import only: the route tree stays free of schema modules. Write it after `path:`
// (build/route-preloads.ts reads `getParentRoute` and `path` as the route's first two options).
import type { BackOfficeScreen } from "@guild/api/policies/back-office";

declare module "@tanstack/react-router" {
  interface StaticDataRouteOption {
    backOffice?: BackOfficeScreen;
  }
}

export const backOffice = (screen: BackOfficeScreen) => ({ backOffice: screen });
