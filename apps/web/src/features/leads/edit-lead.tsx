import { useNavigate } from "@tanstack/react-router";
import { ButtonLink } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { LeadForm } from "./lead-form.tsx";
import type { Lead } from "./lead-labels.tsx";
import { useUpdateLead } from "./use-leads.ts";
import { WithLead } from "./with-lead.tsx";

export function EditLead({ leadId }: { leadId: string }) {
  return <WithLead leadId={leadId}>{(lead) => <EditLeadForm lead={lead} />}</WithLead>;
}

function EditLeadForm({ lead }: { lead: Lead }) {
  const leadId = lead.id;
  const { slug } = useCurrentOrganization();
  const navigate = useNavigate();
  const update = useUpdateLead();

  const back = { to: "/o/$slug/leads/$leadId", params: { slug, leadId } } as const;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={`Edit ${lead.name}`} />
      <Card>
        <LeadForm
          lead={lead}
          pending={update.isPending}
          serverError={update.error}
          onSubmit={(input, form) =>
            update.mutate(
              { id: leadId, ...input },
              {
                onSuccess: () => {
                  form.release();
                  void navigate(back);
                },
              },
            )
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
