import type { RouterOutputs } from "@guild/api";
import { createContext, useContext } from "react";

export type CurrentOrganization = RouterOutputs["organization"]["current"];

export const CurrentOrganizationContext = createContext<CurrentOrganization | null>(null);

/** The organization of the URL and the person's membership in it, inside /o/$slug. */
export function useCurrentOrganization(): CurrentOrganization {
  const organization = useContext(CurrentOrganizationContext);
  if (!organization) throw new Error("useCurrentOrganization() needs <OrganizationLayout>");
  return organization;
}
