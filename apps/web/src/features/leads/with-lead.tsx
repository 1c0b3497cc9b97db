import { idSchema } from "@guild/api/schemas/common";
import type { ReactNode } from "react";
import { ButtonLink } from "../../components/button.tsx";
import { ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { isNotFound } from "../../lib/errors.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import type { Lead } from "./lead-labels.tsx";
import { useLead } from "./use-leads.ts";

/**
 * Loads the lead of a /o/$slug/leads/$leadId URL and renders `children` with it, or the loading,
 * error or "Not found" state. Another organization's lead, or a URL that is not an id at all,
 * is simply not found.
 */
export function WithLead({
  leadId,
  children,
}: {
  leadId: string;
  children: (lead: Lead) => ReactNode;
}) {
  const { slug } = useCurrentOrganization();
  const validId = idSchema.safeParse(leadId).success;
  const lead = useLead(leadId, validId);

  if (!validId || isNotFound(lead.error))
    return (
      <NotFound
        title="Lead not found"
        description="This lead does not exist, or it was deleted. Check the link, or find it in the list."
      >
        <ButtonLink to="/o/$slug/leads" params={{ slug }} variant="secondary">
          Back to the list
        </ButtonLink>
      </NotFound>
    );
  if (lead.isPending) return <LoadingState label="Loading lead…" />;
  if (lead.error) return <ErrorState error={lead.error} onRetry={() => void lead.refetch()} />;
  return children(lead.data);
}
