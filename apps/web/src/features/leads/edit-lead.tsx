import { idSchema } from "@guild/api/schemas/common";
import { useNavigate } from "@tanstack/react-router";
import { ButtonLink } from "../../components/button";
import { Card, PageHeader } from "../../components/card";
import { ErrorState, LoadingState, NotFound } from "../../components/states";
import { isNotFound } from "../../lib/errors";
import { useCurrentOrganization } from "../organizations/current-organization";
import { LeadForm } from "./lead-form";
import { useLead, useUpdateLead } from "./use-leads";

export function EditLead({ leadId }: { leadId: string }) {
  const { slug } = useCurrentOrganization();
  const navigate = useNavigate();
  const validId = idSchema.safeParse(leadId).success;
  const lead = useLead(leadId, validId);
  const update = useUpdateLead();

  if (!validId || isNotFound(lead.error))
    return (
      <NotFound>
        <ButtonLink to="/o/$slug/leads" params={{ slug }} variant="secondary">
          Back to the list
        </ButtonLink>
      </NotFound>
    );
  if (lead.isPending) return <LoadingState label="Loading lead…" />;
  if (lead.error) return <ErrorState error={lead.error} onRetry={() => void lead.refetch()} />;

  const back = { to: "/o/$slug/leads/$leadId", params: { slug, leadId } } as const;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={`Edit ${lead.data.name}`} />
      <Card>
        <LeadForm
          lead={lead.data}
          pending={update.isPending}
          serverError={update.error}
          onSubmit={(input) =>
            update.mutate({ id: leadId, ...input }, { onSuccess: () => void navigate(back) })
          }
          secondaryAction={
            <ButtonLink {...back} variant="secondary">
              Cancel
            </ButtonLink>
          }
        />
      </Card>
    </div>
  );
}
