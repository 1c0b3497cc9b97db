import { useNavigate } from "@tanstack/react-router";
import { ButtonLink } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { LeadForm } from "./lead-form.tsx";
import { useCreateLead } from "./use-leads.ts";

export function NewLead() {
  const organization = useCurrentOrganization();
  const navigate = useNavigate();
  const create = useCreateLead();
  const slug = organization.slug;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Add a lead"
        description={`A new lead in ${organization.name}'s pipeline.`}
      />
      <Card>
        <LeadForm
          defaultOwnerMemberId={organization.membership.memberId}
          pending={create.isPending}
          serverError={create.error}
          onSubmit={(input, form) =>
            create.mutate(input, {
              onSuccess: (lead) => {
                form.release();
                void navigate({ to: "/o/$slug/leads/$leadId", params: { slug, leadId: lead.id } });
              },
            })
          }
          secondaryAction={
            <ButtonLink to="/o/$slug/leads" params={{ slug }} variant="secondary">
              Cancel
            </ButtonLink>
          }
        />
      </Card>
    </div>
  );
}
