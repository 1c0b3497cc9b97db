import { canOpen } from "@guild/api/policies/back-office";
import { hasCrmAccess } from "@guild/api/policies/lead";
import type { ReactNode } from "react";
import { ButtonLink } from "../../components/button.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";

/** Whether the person works the CRM here (the API's own lead policy decides). */
export function useHasCrmAccess(): boolean {
  return hasCrmAccess(useCurrentOrganization().membership);
}

/**
 * The CRM's screens (leads, a lead, the pipeline) for staff; for anyone else a screen that says
 * why and who can change it, instead of a list that fails to load. The navigation does not
 * offer these screens without access; this is for a typed or shared address, or access revoked
 * meanwhile.
 */
export function CrmOnly({ children }: { children: ReactNode }) {
  return useHasCrmAccess() ? children : <NoCrmAccess />;
}

export function NoCrmAccess() {
  const organization = useCurrentOrganization();
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-border bg-surface px-6 py-10 text-center">
      <h1 className="text-xl font-semibold text-foreground">No CRM access</h1>
      <p className="mt-2 text-sm text-muted-foreground">
        The CRM (leads and the pipeline) of {organization.name} is for its staff. An admin or owner
        can give you CRM access from the Members page.
      </p>
      <div className="mt-4 flex flex-wrap justify-center gap-2">
        {canOpen(organization.membership, "members") && (
          <ButtonLink
            to="/o/$slug/members"
            params={{ slug: organization.slug }}
            variant="secondary"
          >
            See the members
          </ButtonLink>
        )}
        <ButtonLink to="/o/$slug" params={{ slug: organization.slug }} variant="secondary">
          Go home
        </ButtonLink>
      </div>
    </div>
  );
}
